package io.batchrender.farm.azure;

import com.google.gson.JsonObject;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import io.batchrender.farm.FarmException;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.templates.TaskShell;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sends a job to Azure Batch as the bodies of "add job" and "add task" (the Batch REST shape, from
 * {@link BatchBodies}), the one way every job reaches the service:
 * <ol>
 *   <li>checks it before anything is made: every field one the 2024-07-01.20.0 API takes
 *       ({@link SdkBodies}), the containers it reads exist in our storage, its pool exists (a template's
 *       retired features and legacy names were dealt with before it was compiled: {@link TemplateChecks});</li>
 *   <li>points containers of our store at SAS URLs ({@link TemplateFileGroups}): resource files read
 *       through a read+list SAS of their container, outputs written through a write SAS of theirs
 *       (created when missing, removed again when the job could not be made);</li>
 *   <li>creates the job ({@code usesTaskDependencies} when a task has {@code dependsOn}) with
 *       {@code onAllTasksComplete: noaction}, adds the tasks 100 per request through
 *       {@link TaskSubmitter}, then sets the job's own {@code onAllTasksComplete} (a job with no
 *       tasks yet would end at once). If adding tasks fails the job is deleted again: a
 *       half-submitted job never runs. A job made by an earlier try whose answer was lost (our own
 *       submission token in its metadata) counts as made.</li>
 * </ol>
 */
final class JobSender {

    /** Job metadata holding a token of this submission, to recognise our own job after a lost answer. */
    static final String META_SUBMISSION = BatchRequests.META_SUBMISSION;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final BatchClient client;
    private final TaskSubmitter tasks;
    private final java.util.function.Supplier<AzureBlobStore> store;
    private final BatchAccount account;

    /**
     * @param store opens our storage account, asked only when the job names a container of it; gives null, or
     *              throws a one-line error, when none is configured
     */
    JobSender(AzureFarm farm, java.util.function.Supplier<AzureBlobStore> store) {
        this.client = farm.client();
        this.tasks = farm.taskSubmitter();
        this.account = farm.account();
        this.store = store;
    }

    /**
     * Sends {@code job} and {@code taskBodies}; returns what was changed or made on the way, one line each.
     *
     * @param template a template's job: its command lines run in the pool's shell, as the Batch CLI extensions
     *                 send them ({@link TaskShell})
     * @throws UnsupportedTemplateException when the bodies cannot run on Azure Batch as written (nothing was created)
     * @throws FarmException                when Batch refuses it (JobExists, PoolNotFound, a task refused, ...)
     * @throws io.batchrender.storage.StorageException when storage cannot be reached or cannot sign a SAS
     */
    List<String> send(JsonObject job, List<JsonObject> taskBodies, boolean template) {
        String jobId = job.has("id") ? job.get("id").getAsString() : "";
        String where = "job " + jobId;
        if (!SAFE_ID.matcher(jobId).matches()) {
            throw new UnsupportedTemplateException("'" + jobId + "' is not a Batch job id: letters, digits, - and _, up to 64.");
        }
        List<String> notes = new ArrayList<>();
        TemplateStorage storage = new TemplateStorage(store); // SAS URLs made afresh for each submission
        AzurePreflight.imageAuthentication(account, job).ifPresent(p -> {
            throw new UnsupportedTemplateException(where + ": " + p);
        });
        TemplateFileGroups.Refs refs = TemplateFileGroups.Refs.empty();
        TemplateFileGroups.scan(job, where, refs);
        boolean dependencies = false;
        for (JsonObject t : taskBodies) {
            String taskWhere = where + ", task " + (t.has("id") ? t.get("id").getAsString() : "(no id)");
            if (!t.has("id") || !SAFE_ID.matcher(t.get("id").getAsString()).matches()) {
                throw new UnsupportedTemplateException(taskWhere + ": every task needs its own id: letters, digits, - and _,"
                        + " up to 64.");
            }
            TemplateFileGroups.scan(t, taskWhere, refs);
            dependencies |= t.has("dependsOn");
        }
        storage.check(refs, where);
        JsonObject poolInfo = job.has("poolInfo") && job.get("poolInfo").isJsonObject() ? job.getAsJsonObject("poolInfo") : null;
        CloudPool pool = poolInfo != null && poolInfo.has("poolId") ? requirePool(poolInfo.get("poolId").getAsString(), jobId) : null;
        // command lines in the pool's shell, as the Batch CLI extensions submit a template (they GET the pool too)
        (template ? shellOf(job, pool) : java.util.Optional.<TaskShell.Os>empty()).ifPresent(os -> {
            TaskShell.wrapJobBody(job, os);
            taskBodies.forEach(t -> TaskShell.wrapTaskBody(t, os));
        });
        if (!refs.isEmpty()) {
            TemplateFileGroups.rewrite(job, where, storage.readUrls(), storage.writeUrls());
            taskBodies.forEach(t -> TemplateFileGroups.rewrite(t, where, storage.readUrls(), storage.writeUrls()));
        }
        JobAddParameter add = SdkBodies.convert(job, JobAddParameter.class, "add job", where);
        List<TaskAddParameter> params = convertTasks(taskBodies, where);
        if (dependencies && !Boolean.TRUE.equals(add.usesTaskDependencies())) {
            add.withUsesTaskDependencies(true);
            notes.add("usesTaskDependencies set on the job: a task has dependsOn.");
        }
        OnAllTasksComplete onAll = add.onAllTasksComplete();
        String submission = UUID.randomUUID().toString();
        List<MetadataItem> meta = add.metadata() == null ? new ArrayList<>() : new ArrayList<>(add.metadata());
        meta.removeIf(m -> META_SUBMISSION.equals(m.name()));
        meta.add(new MetadataItem().withName(META_SUBMISSION).withValue(submission));
        if (template && meta.stream().noneMatch(m -> BatchRequests.META_RENDERER.equals(m.name()))) {
            // 'jobs' and 'job show' say what it is, as for a template job on the local farm
            meta.add(new MetadataItem().withName(BatchRequests.META_RENDERER).withValue("template"));
        }
        // a job driven by its job manager task alone gets its onAllTasksComplete at once, as the extensions send
        // it (they set noaction only around adding a task factory's tasks)
        boolean managerOnly = params.isEmpty();
        add.withMetadata(meta).withOnAllTasksComplete(managerOnly ? onAll : OnAllTasksComplete.NO_ACTION);

        List<String> created = refs.outputs().isEmpty() ? List.of() : storage.createOutputs(refs.outputs());
        try {
            createJob(add, submission);
        } catch (RuntimeException e) {
            storage.deleteQuietly(created);
            throw e;
        }
        try {
            tasks.addAll(jobId, params);
            if (!managerOnly && onAll != null && onAll != OnAllTasksComplete.NO_ACTION) {
                client.protocolLayer().jobs().patch(jobId, new JobPatchParameter().withOnAllTasksComplete(onAll));
            }
        } catch (RuntimeException e) {
            try {
                client.protocolLayer().jobs().delete(jobId);
            } catch (RuntimeException ignored) {
                // the submission's own error is what the user needs to see
            }
            storage.deleteQuietly(created); // made for this job, which is gone: nothing was written to them
            FarmException fe = e instanceof FarmException f ? f : BatchErrors.explain("adding the tasks of job " + jobId, e);
            throw new FarmException(fe.getMessage() + " Job " + jobId + " was deleted again; nothing runs.", e);
        }
        if (!refs.isEmpty()) {
            storage.describe(refs, created, notes);
        }
        notes.add(params.size() + " task(s) added to job " + jobId + ".");
        return notes;
    }

    /**
     * The tasks as SDK models, converted on all cores (thousands of frames); the first task in
     * submission order that cannot be converted is the one reported.
     */
    private static List<TaskAddParameter> convertTasks(List<JsonObject> bodies, String where) {
        TaskAddParameter[] out = new TaskAddParameter[bodies.size()];
        RuntimeException[] failed = new RuntimeException[bodies.size()];
        java.util.Set<String> checkedShapes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.stream.IntStream.range(0, bodies.size()).parallel().forEach(i -> {
            JsonObject t = bodies.get(i);
            try {
                out[i] = SdkBodies.convert(t, TaskAddParameter.class, "add task", where + ", task " + t.get("id").getAsString(),
                        checkedShapes);
            } catch (RuntimeException e) {
                failed[i] = e;
            }
        });
        for (RuntimeException e : failed) {
            if (e != null) {
                throw e;
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** The OS of the job's auto-pool, or of the pool it runs on ({@link TaskShell#osOf(String, String)}). */
    private static java.util.Optional<TaskShell.Os> shellOf(JsonObject job, CloudPool pool) {
        java.util.Optional<TaskShell.Os> os = TaskShell.autoPoolOs(job);
        if (os.isEmpty() && pool != null) {
            VirtualMachineConfiguration vm = pool.virtualMachineConfiguration();
            os = java.util.Optional.of(TaskShell.osOf(vm == null ? null : vm.nodeAgentSKUId(),
                    vm == null || vm.imageReference() == null ? null : vm.imageReference().publisher()));
        }
        return os; // empty: no pool to run on, and 'add job' refuses it (poolInfo is required)
    }

    private CloudPool requirePool(String poolId, String jobId) {
        try {
            return client.protocolLayer().pools().get(poolId);
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("PoolNotFound"::equals).isPresent()) {
                throw new FarmException("Job " + jobId + " is for pool " + poolId + ", which the Batch account does not have:"
                        + " create it (batchrender template pool POOL_TEMPLATE) or give the id of one of"
                        + " 'batchrender pools --farm azure'.", e);
            }
            throw BatchErrors.explain("finding pool " + poolId, e);
        }
    }

    private void createJob(JobAddParameter add, String submission) {
        try {
            client.protocolLayer().jobs().add(add);
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("JobExists"::equals).isEmpty()) {
                throw BatchErrors.explain("creating job " + add.id(), e);
            }
            if (!submission.equals(submissionOf(add.id()))) {
                throw new FarmException("A job with id " + add.id() + " already exists on the Batch account: give the"
                        + " job another id, or delete the old job with 'batchrender job delete " + add.id()
                        + " --farm azure'.", e);
            }
            // JobExists with our own token: an earlier try created it and its answer was lost
        }
    }

    private String submissionOf(String jobId) {
        try {
            CloudJob j = client.protocolLayer().jobs().get(jobId);
            return AzureViews.meta(j, META_SUBMISSION).orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }
}

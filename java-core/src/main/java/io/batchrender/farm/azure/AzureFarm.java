package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import com.azure.core.credential.TokenCredential;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNodeDeallocationOption;
import com.microsoft.azure.batch.protocol.models.JobListOptions;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.PoolEnableAutoScaleParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.PoolResizeParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.Submitted;
import io.batchrender.job.Job;
import io.batchrender.job.Origin;
import io.batchrender.compile.BatchNodeCompiler;
import com.google.gson.JsonObject;
import io.batchrender.storage.azure.AzureBlobStore;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import io.batchrender.job.Task;
import io.batchrender.farm.JobState;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskLog;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Azure Batch as a render farm, through azure-batch 11.2.0: jobs with one task per frame or chunk
 * on an auto-pool, an existing pool or a new persistent one, and the same contract as the local farm.
 */
public final class AzureFarm implements RenderFarm, io.batchrender.farm.CloudJobs, io.batchrender.farm.NodePools {

    private static final String POOL_PREFIX = "batchrender";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long a resize waits for a stopped resize to end (Batch: seconds to a few minutes). */
    private static final Duration STEADY_WAIT = Duration.ofMinutes(10);
    /** What Batch allows in job and task ids; checked before an id names a folder on this disk. */
    private static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final StateHome home;
    private final BatchAccount account;
    private final BatchClient client;
    private final AzureJobSettings defaults;
    private final TaskSubmitter tasks;
    private final TaskListing taskListing;
    private final TaskPages taskPages;
    /** Per job, the listing the last first page was cut from: the next pages of that pass come from it. */
    private final Map<String, PagedListing> pagedListings = new java.util.concurrent.ConcurrentHashMap<>();

    /** A job's tasks in order as one paging pass reads them. */
    private record PagedListing(List<TaskInfo> tasks, long atNanos) {
    }

    /** How long the pages after the first of a pass are cut from the listing the first page was. */
    private static final Duration PAGING_PASS = Duration.ofSeconds(30);
    private final SupportedImages supportedImages;
    private final CompletedJobCounts completedCounts;

    /**
     * @param defaults what jobs submitted through {@link #submit(Job)} use: pool, storage, environment
     * @param inFlight how many task collections are sent at once
     * @param backoff  the first wait before a 500 is retried (Retry-After rules for 429 and 503)
     */
    public AzureFarm(BatchAccount account, StateHome home, AzureJobSettings defaults, int inFlight, Duration backoff) {
        this(account, EntraBatchCredentials::defaultCredential, Clock.systemUTC(), home, defaults, inFlight, backoff);
    }

    /**
     * As above, with {@code entra} as the Microsoft Entra ID credential when the account has no key
     * (the key is used when it has one).
     */
    public AzureFarm(BatchAccount account, TokenCredential entra, StateHome home, AzureJobSettings defaults, int inFlight,
                     Duration backoff) {
        this(account, () -> entra, Clock.systemUTC(), home, defaults, inFlight, backoff);
    }

    AzureFarm(BatchAccount account, Supplier<TokenCredential> entra, Clock clock, StateHome home, AzureJobSettings defaults,
              int inFlight, Duration backoff) {
        this(account, entra, clock, home, defaults, inFlight, BatchTimeouts.standard(backoff));
    }

    AzureFarm(BatchAccount account, Supplier<TokenCredential> entra, Clock clock, StateHome home, AzureJobSettings defaults,
              int inFlight, BatchTimeouts timeouts) {
        this.home = home;
        this.account = account;
        this.client = BatchClients.open(account, entra, clock, timeouts).client();
        this.defaults = defaults;
        this.tasks = new TaskSubmitter(client, inFlight, timeouts.worstCase());
        this.taskListing = new TaskListing(client);
        this.taskPages = new TaskPages(client);
        this.supportedImages = new SupportedImages(client);
        this.completedCounts = new CompletedJobCounts(home.dir().resolve("azure-completed-job-counts.json"), account.url());
    }

    /** The SDK client, for the other Batch requests of this package (template jobs and pools). */
    BatchClient client() {
        return client;
    }

    /** The account this farm talks to (how it signs its requests). */
    BatchAccount account() {
        return account;
    }

    /**
     * What Batch would refuse or run wrongly in submitting {@code spec} to {@code pool}, found before anything
     * is uploaded or created ({@link AzurePreflight}): one line each, empty when there is nothing.
     */
    @Override
    public List<String> preflight(Job spec, PoolChoice pool) {
        List<String> out = new ArrayList<>();
        AzurePreflight.mayaImage(BatchNodeCompiler.isMaya(spec), pool).ifPresent(out::add);
        poolImage(pool).flatMap(img -> AzurePreflight.imageAuthentication(account, img)).ifPresent(out::add);
        return out;
    }

    /** {@link #preflight}, its first problem thrown as a {@link FarmException}. */
    @Override
    public void requirePreflight(Job spec, PoolChoice pool) {
        List<String> problems = preflight(spec, pool);
        if (!problems.isEmpty()) {
            throw new FarmException(problems.get(0) + " Nothing was uploaded or submitted.");
        }
    }

    /** {@code spec} with its image's node agent SKU as the service lists it ({@link SupportedImages}). */
    private PoolSpec resolved(PoolSpec spec) {
        return spec.withImage(supportedImages.resolve(spec.image()));
    }

    private static Optional<PoolImage> poolImage(PoolChoice pool) {
        return pool instanceof PoolChoice.AutoPool a ? Optional.of(a.template().image())
                : pool instanceof PoolChoice.NewPool n ? Optional.of(n.spec().image()) : Optional.empty();
    }

    /** Adds tasks 100 per request with this farm's parallelism and timeouts. */
    TaskSubmitter taskSubmitter() {
        return tasks;
    }

    /** The account from the environment, jobs on an existing pool named by BATCHRENDER_AZURE_POOL, else an auto-pool. */
    public static AzureFarm fromEnvironment(Map<String, String> env, StateHome home) {
        BatchAccount account = BatchAccount.fromEnvironment(env);
        String pool = env.get("BATCHRENDER_AZURE_POOL");
        PoolChoice choice = pool != null && !pool.isBlank() ? new PoolChoice.Existing(pool)
                : new PoolChoice.AutoPool(new PoolSpec("", env.getOrDefault("BATCHRENDER_AZURE_VM_SIZE", "standard_d4s_v5"),
                        1, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
        return new AzureFarm(account, home, AzureJobSettings.on(choice), 8, Duration.ofMillis(500));
    }

    @Override
    public Submitted submit(Job spec) {
        return submit(spec, defaults);
    }

    /** Submits {@code spec} with its Azure settings; on failure after the job exists the job is deleted again. */
    @Override
    public Submitted submit(Job spec, AzureJobSettings settings) {
        return submit(spec, settings, spec.id().isEmpty() ? newJobId(spec.displayName()) : spec.id(), () -> null);
    }

    /**
     * A fresh job id for a job named {@code name} (its name, a UTC time stamp and a random suffix):
     * for callers that name things after the job (its output container) before submitting it.
     */
    public static String newJobId(String name) {
        return AzureJobIds.next(name);
    }

    @Override
    public String jobIdFor(String name) {
        return newJobId(name);
    }

    @Override
    public Optional<io.batchrender.farm.CloudJobs> cloudJobs() {
        return Optional.of(this);
    }

    @Override
    public Optional<io.batchrender.farm.NodePools> nodePools() {
        return Optional.of(this);
    }

    /** The jobs' output containers in the Azure store {@code env} and {@code storage.json} name. */
    @Override
    public io.batchrender.farm.TaskOutputs outputs(Map<String, String> env) {
        return new AzureTaskOutputs(this, AzureStores.open(home, env, " (the job's outputs are in an Azure Storage output container)"));
    }

    @Override
    public io.batchrender.farm.TemplateRunner templates(Map<String, String> env) {
        return new AzureTemplateRunner(this, home, env);
    }

    /**
     * Submits {@code spec} as job {@code jobId} (from {@link #newJobId}), the one way every job reaches
     * Batch: a scene or command job is compiled for the nodes first ({@link BatchNodeCompiler}, with the
     * storage and pool of {@code settings}), then the job goes as its request bodies ({@link BatchBodies})
     * through {@link JobSender}. On failure after the job exists the job is deleted again.
     *
     * @param store our storage account, opened only when the job names one of its containers
     */
    @Override
    public Submitted submit(Job spec, AzureJobSettings settings, String jobId, Supplier<AzureBlobStore> store) {
        if (!SAFE_ID.matcher(jobId).matches()) {
            throw new FarmException("'" + jobId + "' is not a Batch job id: letters, digits, - and _, up to 64.");
        }
        boolean template = spec.origin().kind() == Origin.Kind.TEMPLATE;
        Job onNodes = forNodes(spec, settings, jobId);
        JsonObject body = BatchBodies.job(onNodes);
        if (!template) { // a template names its own pool (and 'add job' refuses one without it)
            requirePreflight(spec, settings.pool());
            body.add("poolInfo", SdkBodies.toJson(poolFor(settings.pool())));
        }
        List<String> notes = new ArrayList<>(spec.notes());
        notes.addAll(new JobSender(this, store).send(body, BatchBodies.tasks(onNodes), template));
        JobInfo job = job(jobId).orElseThrow(() -> new FarmException("Job " + jobId + " vanished right after it was submitted."));
        return new Submitted(job, notes);
    }

    /** What jobs submitted without settings of their own use: pool, storage, environment. */
    AzureJobSettings defaults() {
        return defaults;
    }

    @Override
    public JsonObject preview(Job spec) {
        return preview(spec, defaults, spec.id().isEmpty() ? newJobId(spec.displayName()) : spec.id());
    }

    /**
     * The request bodies {@link #submit(Job, AzureJobSettings, String, Supplier)} would send, SAS
     * signatures masked, creating nothing: containers of our store appear by name (they are signed when the
     * job is sent), a new pool by its id (created when sent). The one request it may make is a read: the
     * service's list of supported images, for an auto-pool's node agent.
     */
    @Override
    public JsonObject preview(Job spec, AzureJobSettings settings, String jobId) {
        Job onNodes = forNodes(spec, settings, jobId);
        JsonObject body = BatchBodies.job(onNodes);
        if (spec.origin().kind() != Origin.Kind.TEMPLATE) {
            PoolChoice choice = settings.pool();
            PoolInformation pool = choice instanceof PoolChoice.AutoPool a ? BatchRequests.autoPool(resolved(a.template()), POOL_PREFIX)
                    : new PoolInformation().withPoolId(choice instanceof PoolChoice.Existing e ? e.poolId()
                            : ((PoolChoice.NewPool) choice).spec().id());
            body.add("poolInfo", SdkBodies.toJson(pool));
        }
        com.google.gson.JsonArray tasks = new com.google.gson.JsonArray();
        BatchBodies.tasks(onNodes).forEach(tasks::add);
        JsonObject out = new JsonObject();
        out.addProperty("farm", "azure");
        out.add("addJob", body);
        out.add("addTasks", tasks);
        if (!onNodes.notes().isEmpty()) {
            com.google.gson.JsonArray notes = new com.google.gson.JsonArray();
            onNodes.notes().forEach(notes::add);
            out.add("notes", notes);
        }
        return com.google.gson.JsonParser.parseString(io.batchrender.job.Secrets.maskSignatures(out.toString())).getAsJsonObject();
    }

    /**
     * {@code spec} as Batch nodes run it: a template's job is already; a scene compiler's is compiled for
     * the nodes with {@code settings}' assets, outputs and environment. Either way the job's metadata says
     * what it is, for 'jobs' and 'job show' and any tool listing the account.
     */
    Job forNodes(Job spec, AzureJobSettings settings, String jobId) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(BatchRequests.META_NAME, spec.displayName());
        spec.scene().ifPresent(p -> meta.put(BatchRequests.META_SCENE, p.toString()));
        meta.put(BatchRequests.META_RENDERER, spec.origin().renderer());
        List<Integer> frames = new ArrayList<>();
        spec.tasks().forEach(t -> frames.addAll(t.frames()));
        if (!frames.isEmpty()) {
            meta.put(BatchRequests.META_FRAMES, new io.batchrender.frames.FrameSet(frames).toString());
        }
        settings.assetProject().ifPresent(a -> meta.put(BatchRequests.META_ASSETS, a));
        settings.outputContainer().ifPresent(o -> meta.put(BatchRequests.META_OUTPUT, o));
        meta.put(BatchRequests.META_OUTPUT_DIR, spec.outputDir().map(p -> p.toAbsolutePath().normalize())
                .orElseGet(() -> home.jobDir(jobId).resolve("output")).toString());
        if (spec.origin().kind() == Origin.Kind.TEMPLATE) {
            meta.putAll(spec.metadata());
            return spec.withId(jobId).withMetadata(meta);
        }
        try {
            return BatchNodeCompiler.compile(spec, new BatchNodeCompiler.Target(jobId, settings.assets(), settings.sceneBlob(),
                    settings.pathMap(), settings.outputs(), TaskEnvironment.of(settings), meta));
        } catch (io.batchrender.render.RenderSetupException e) {
            throw new FarmException(e.getMessage(), e);
        }
    }

    /**
     * The job's output container as its metadata records it ({@code outputContainer}), empty when
     * the job was submitted without one.
     *
     * @throws FarmException when the job does not exist (JobNotFound) or Batch cannot be reached
     */
    public Optional<String> outputContainer(String jobId) {
        CloudJob j = call("reading job " + jobId, () -> client.protocolLayer().jobs().get(jobId));
        return AzureViews.meta(j, BatchRequests.META_OUTPUT);
    }

    /** The job's asset project as its metadata records it ({@code assetProject}). */
    public Optional<String> assetProject(String jobId) {
        CloudJob j = call("reading job " + jobId, () -> client.protocolLayer().jobs().get(jobId));
        return AzureViews.meta(j, BatchRequests.META_ASSETS);
    }

    private String submissionOf(String jobId) {
        CloudJob j = call("reading job " + jobId, () -> client.protocolLayer().jobs().get(jobId));
        return AzureViews.meta(j, BatchRequests.META_SUBMISSION).orElse("");
    }

    private PoolInformation poolFor(PoolChoice choice) {
        if (choice instanceof PoolChoice.AutoPool a) {
            return BatchRequests.autoPool(resolved(a.template()), POOL_PREFIX);
        }
        if (choice instanceof PoolChoice.Existing e) {
            call("finding pool " + e.poolId(), () -> client.protocolLayer().pools().get(e.poolId()));
            return new PoolInformation().withPoolId(e.poolId());
        }
        PoolSpec spec = ((PoolChoice.NewPool) choice).spec();
        createPool(spec);
        return new PoolInformation().withPoolId(spec.id());
    }

    @Override
    public List<JobInfo> jobs() {
        List<CloudJob> all = call("listing jobs", () -> new ArrayList<>(client.protocolLayer().jobs().list()));
        List<JobInfo> out = new ArrayList<>();
        for (CloudJob j : all) {
            try {
                out.add(view(j));
            } catch (FarmException gone) {
                // deleted between the list and its counts
            }
        }
        completedCounts.flush(); // once for the whole listing
        out.sort(Comparator.comparing(JobInfo::created));
        return out;
    }

    @Override
    public Optional<JobInfo> job(String jobId) {
        try {
            JobInfo info = view(client.protocolLayer().jobs().get(jobId));
            completedCounts.flush();
            if (info.state() == JobState.COMPLETED) {
                taskListing.forget(jobId); // its task list is final now: the next look at it is a whole one
            }
            return Optional.of(info);
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("JobNotFound"::equals).isPresent()) {
                return Optional.empty();
            }
            throw BatchErrors.explain("reading job " + jobId, e);
        }
    }

    private JobInfo view(CloudJob j) {
        // a completed job's counts never change: asked once, then read from this machine
        boolean completed = j.state() == com.microsoft.azure.batch.protocol.models.JobState.COMPLETED;
        io.batchrender.farm.TaskCounts c = completed ? completedCounts.get(j.id()).orElse(null) : null;
        if (c == null) {
            var counts = call("counting the tasks of job " + j.id(), () -> client.protocolLayer().jobs().getTaskCounts(j.id()));
            c = AzureViews.counts(counts.taskCounts());
            if (completed) {
                completedCounts.put(j.id(), c); // written by jobs() once for the listing, or by job()
            }
        }
        JobInfo info = AzureViews.job(j, c, home.jobDir(j.id()).resolve("output"));
        // tasks waiting with none running, in a job with a preparation task: it may have failed on every node
        if (info.state() == JobState.ACTIVE && j.jobPreparationTask() != null && info.counts().active() > 0
                && info.counts().running() == 0) {
            info = info.withBlocked(new PreparationFailures(client).blocking(j.id()));
        }
        return info;
    }

    /**
     * Replaces the nodes where the job's preparation failed with fresh ones: removes them from their pool (Batch
     * will never run the job's tasks there) and sets the pool's node counts back to what they were, so new nodes
     * join and prepare again. Waits for each pool to be steady before and after the removal.
     *
     * @return what was done, one line; "" when no node had failed
     */
    @Override
    public String replaceFailedNodes(String jobId) {
        List<PreparationFailures.Failure> failed = new PreparationFailures(client).failures(jobId);
        if (failed.isEmpty()) {
            return "";
        }
        Map<String, List<String>> byPool = new java.util.LinkedHashMap<>();
        failed.forEach(f -> byPool.computeIfAbsent(f.poolId(), k -> new ArrayList<>()).add(f.nodeId()));
        List<String> done = new ArrayList<>();
        for (var e : byPool.entrySet()) {
            String poolId = e.getKey();
            CloudPool before = call("reading pool " + poolId, () -> client.protocolLayer().pools().get(poolId));
            int dedicated = before.targetDedicatedNodes() == null ? 0 : before.targetDedicatedNodes();
            int spot = before.targetLowPriorityNodes() == null ? 0 : before.targetLowPriorityNodes();
            PoolSteadiness steady = new PoolSteadiness(client, poolId, STEADY_WAIT);
            steady.prepareResize(dedicated, spot);
            List<String> present = new ArrayList<>();
            for (String node : e.getValue()) {
                try {
                    client.protocolLayer().computeNodes().get(poolId, node);
                    present.add(node);
                } catch (RuntimeException gone) {
                    // already left the pool
                }
            }
            if (!present.isEmpty()) {
                call("removing the failed nodes of pool " + poolId, () -> {
                    for (int i = 0; i < present.size(); i += 100) {
                        client.protocolLayer().pools().removeNodes(poolId, new com.microsoft.azure.batch.protocol.models
                                .NodeRemoveParameter().withNodeList(present.subList(i, Math.min(present.size(), i + 100)))
                                .withNodeDeallocationOption(ComputeNodeDeallocationOption.REQUEUE));
                    }
                    return null;
                });
            }
            if (!Boolean.TRUE.equals(before.enableAutoScale())) {
                steady.awaitSteady();
                resizeNodes(poolId, dedicated, spot, ShrinkPolicy.REQUEUE);
            }
            done.add(present.size() + " node(s) of pool " + poolId);
        }
        return "Replaced " + String.join(", ", done) + " with fresh ones; the job's tasks run once a new node has prepared.";
    }

    /**
     * The job's tasks; asked again of the same farm, only the tasks that changed since are listed
     * ({@link TaskListing}), so a watcher polling a big job costs one page a poll.
     */
    @Override
    public List<TaskInfo> tasks(String jobId) {
        List<TaskInfo> out = taskListing.tasks(jobId);
        out.sort(Comparator.comparing(TaskInfo::id, AzureFarm::naturalOrder));
        return out;
    }

    /**
     * A page of the job's tasks asked of Batch itself ({@link TaskPages}): the state filtered and the tasks paged by
     * the service, the counts from "Get Task Counts"; a page of 100 of a 100,000-task job costs a request or two, and
     * memory for the page alone.
     */
    @Override
    public io.batchrender.farm.TaskPage tasks(String jobId, io.batchrender.farm.TaskQuery query) {
        return taskPages.page(jobId, query);
    }

    /**
     * A page of the job's tasks for a client that passes over the job again and again (the watcher), cut from its
     * listing ({@link #tasks(String)}: brought up to date with the tasks that changed since the last look). Page 1
     * looks at Batch; the pages after it, asked within {@link #PAGING_PASS}, are cut from that same listing, so a pass
     * over a 100,000-task job a page at a time costs the requests of one look (one page while few tasks change), and
     * its pages agree with each other. The listing is held in memory between passes.
     */
    @Override
    public io.batchrender.farm.TaskPage followedTasks(String jobId, io.batchrender.farm.TaskQuery query) {
        PagedListing last = pagedListings.get(jobId);
        List<TaskInfo> all;
        if (query.page() > 1 && last != null && System.nanoTime() - last.atNanos() < PAGING_PASS.toNanos()) {
            all = last.tasks();
        } else {
            all = List.copyOf(tasks(jobId));
            pagedListings.put(jobId, new PagedListing(all, System.nanoTime()));
        }
        return io.batchrender.farm.TaskPage.of(all, query);
    }

    /**
     * Each task's {@code outputFiles} as Batch keeps them, by task id: where a template job's tasks
     * (or a job made by another tool) upload their outputs. One listing of the job's tasks.
     */
    public Map<String, List<com.microsoft.azure.batch.protocol.models.OutputFile>> taskOutputFiles(String jobId) {
        List<CloudTask> all = call("listing the output files of job " + jobId, () -> new ArrayList<>(client.protocolLayer()
                .tasks().list(jobId, new TaskListOptions().withSelect("id,outputFiles"))));
        Map<String, List<com.microsoft.azure.batch.protocol.models.OutputFile>> out = new HashMap<>();
        for (CloudTask t : all) {
            out.put(t.id(), t.outputFiles() == null ? List.of() : List.copyOf(t.outputFiles()));
        }
        return out;
    }

    static int naturalOrder(String a, String b) {
        if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit) && !a.isEmpty() && !b.isEmpty()) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        return a.compareTo(b);
    }

    @Override
    public void cancel(String jobId) {
        cancel(jobId, "Cancelled with batchrender");
    }

    /** Terminates the job with {@code reason} as its terminateReason (what Batch Explorer and the portal show). */
    @Override
    public void cancel(String jobId, String reason) {
        try {
            client.protocolLayer().jobs().terminate(jobId, reason.isBlank() ? "Cancelled with batchrender" : reason, null);
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter(c -> c.equals("JobCompleted") || c.equals("JobBeingTerminated")).isEmpty()) {
                throw BatchErrors.explain("cancelling job " + jobId, e);
            }
        }
        awaitJob(jobId, j -> j.isPresent() && j.get().state() == JobState.COMPLETED, "to stop");
    }

    @Override
    public void delete(String jobId) {
        pagedListings.remove(jobId);
        taskPages.forget(jobId);
        call("deleting job " + jobId, () -> {
            client.protocolLayer().jobs().delete(jobId);
            return null;
        });
        awaitJob(jobId, Optional::isEmpty, "to be deleted");
        try {
            deleteTree(home.jobDir(jobId).resolve("azure-logs"));
        } catch (IOException e) {
            throw new FarmException("Job " + jobId + " is deleted but its downloaded logs remain in " + home.jobDir(jobId)
                    + " (" + e.getMessage() + "): remove them by hand.", e);
        }
    }

    private void awaitJob(String jobId, java.util.function.Predicate<Optional<JobInfo>> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(job(jobId))) {
            if (System.nanoTime() > deadline) {
                throw new FarmException("Job " + jobId + " did not get " + what + " within " + WAIT.toSeconds()
                        + " s; Batch is still working on it: check again with 'batchrender job show " + jobId + " --farm azure'.");
            }
            sleep(200);
        }
    }

    @Override
    public TaskLog log(String jobId, String taskId, int attempt) {
        TaskInfo task = taskPages.task(jobId, taskId)
                .orElseThrow(() -> new FarmException("Job " + jobId + " has no task '" + taskId
                        + "': see its tasks with 'batchrender job show " + jobId + " --farm azure'."));
        if (task.attempts() == 0) {
            throw new FarmException("Task " + taskId + " of job " + jobId + " has not started yet, so it has no logs.");
        }
        if (attempt != 0 && attempt != task.attempts()) {
            throw new FarmException("Batch keeps the logs of a task's latest attempt only: use --attempt "
                    + task.attempts() + " or leave it out.");
        }
        if (!SAFE_ID.matcher(jobId).matches() || !SAFE_ID.matcher(taskId).matches()) {
            throw new FarmException("'" + jobId + "/" + taskId + "' is not a Batch job and task id: they hold letters, digits, - and _.");
        }
        Path dir = home.jobDir(jobId).resolve("azure-logs").resolve(taskId);
        return new TaskLog(jobId, taskId, task.attempts(), fetch(jobId, taskId, "stdout.txt", dir), fetch(jobId, taskId, "stderr.txt", dir));
    }

    private Path fetch(String jobId, String taskId, String name, Path dir) {
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                client.protocolLayer().files().getFromTask(jobId, taskId, name, out);
            } catch (RuntimeException e) {
                Files.deleteIfExists(tmp);
                if (BatchErrors.code(e).filter(c -> c.equals("FileNotFound") || c.equals("TaskFilesUnavailable")).isPresent()) {
                    Files.deleteIfExists(target);
                    return target;
                }
                throw BatchErrors.explain("reading " + name + " of task " + taskId, e);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new FarmException("Cannot save the log of task " + taskId + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<PoolInfo> pools() {
        List<CloudPool> pools = call("listing pools", () -> new ArrayList<>(client.protocolLayer().pools().list()));
        Map<String, Integer> running = new HashMap<>();
        List<CloudJob> active = call("listing jobs", () -> new ArrayList<>(client.protocolLayer().jobs()
                .list(new JobListOptions().withFilter("state eq 'active'").withSelect("id,executionInfo"))));
        for (CloudJob j : active) {
            if (j.executionInfo() != null && j.executionInfo().poolId() != null) {
                try {
                    int r = client.protocolLayer().jobs().getTaskCounts(j.id()).taskCounts().running();
                    running.merge(j.executionInfo().poolId(), r, Integer::sum);
                } catch (RuntimeException gone) {
                    // the job ended meanwhile
                }
            }
        }
        return pools.stream().map(p -> AzureViews.pool(p, running.getOrDefault(p.id(), 0))).toList();
    }

    /** Resizes to enough nodes for {@code slots} tasks at once (dedicated nodes; 0 removes every node). */
    @Override
    public String resize(String poolId, int slots, ShrinkPolicy policy) {
        if (slots < 0) {
            throw new FarmException("A pool cannot have " + slots + " slots: use 0 to remove its nodes, or more to render.");
        }
        CloudPool p = call("finding pool " + poolId, () -> client.protocolLayer().pools().get(poolId));
        int spn = p.taskSlotsPerNode() == null ? 1 : p.taskSlotsPerNode();
        int spot = slots == 0 || p.targetLowPriorityNodes() == null ? 0 : p.targetLowPriorityNodes();
        return resizeNodes(poolId, (slots + spn - 1) / spn, spot, policy);
    }

    /**
     * Sets a pool's dedicated and Spot node counts; {@code policy} says what happens to running tasks on nodes
     * that go. Batch resizes only a steady pool (409 PoolBeingResized otherwise:
     * https://learn.microsoft.com/rest/api/batchservice/pool/resize), so a resize under way towards other counts is
     * stopped first (the nodes it already brought stay), and a stop under way is waited for.
     *
     * @return what was done first, one line ("" when the pool was steady)
     */
    @Override
    public String resizeNodes(String poolId, int dedicated, int spot, ShrinkPolicy policy) {
        if (dedicated < 0 || spot < 0) {
            throw new FarmException("Node counts must be 0 or more.");
        }
        String note = new PoolSteadiness(client, poolId, STEADY_WAIT).prepareResize(dedicated, spot);
        call("resizing pool " + poolId, () -> {
            client.protocolLayer().pools().resize(poolId, new PoolResizeParameter().withTargetDedicatedNodes(dedicated)
                    .withTargetLowPriorityNodes(spot).withNodeDeallocationOption(policy == ShrinkPolicy.TASKCOMPLETION
                            ? ComputeNodeDeallocationOption.TASK_COMPLETION : ComputeNodeDeallocationOption.REQUEUE));
            return null;
        });
        return note;
    }

    /** Creates a persistent pool; with an autoscale formula it scales by that instead of fixed counts. */
    @Override
    public void createPool(PoolSpec spec) {
        if (spec.id() == null || spec.id().isEmpty()) {
            throw new FarmException("A new pool needs an id: letters, digits, - and _, up to 64.");
        }
        AzurePreflight.imageAuthentication(account, spec.image()).ifPresent(p -> {
            throw new FarmException(p + " Pool " + spec.id() + " was not created.");
        });
        PoolCreation.create(client, BatchRequests.pool(resolved(spec)), e -> BatchErrors.explain("creating pool " + spec.id(), e));
    }

    /** Switches a pool to an autoscale formula, e.g. {@link PoolSpec#followPendingTasks}. */
    public void enableAutoScale(String poolId, String formula) {
        call("enabling autoscale on pool " + poolId, () -> {
            client.protocolLayer().pools().enableAutoScale(poolId, new PoolEnableAutoScaleParameter()
                    .withAutoScaleFormula(formula).withAutoScaleEvaluationInterval(org.joda.time.Period.minutes(5)));
            return null;
        });
    }

    /** Asks Batch to delete a pool; Batch removes its nodes and then the pool in the background ({@link #awaitPoolGone}). */
    @Override
    public void deletePool(String poolId) {
        call("deleting pool " + poolId, () -> {
            client.protocolLayer().pools().delete(poolId);
            return null;
        });
    }

    /**
     * Waits until Batch no longer has the pool (a deleted pool stays, answering PoolBeingDeleted, while its nodes
     * go: minutes for a big one). Polls often at first, then every few seconds.
     */
    @Override
    public void awaitPoolGone(String poolId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        while (poolExists(poolId)) {
            if (System.nanoTime() > deadline) {
                throw new FarmException("Pool " + poolId + " is still being deleted after " + timeout.toMinutes()
                        + " min; Batch is still working on it: check again with 'batchrender pools --farm azure'.");
            }
            sleep(pause);
            pause = Math.min(5_000, pause * 2);
        }
    }

    private boolean poolExists(String poolId) {
        try {
            client.protocolLayer().pools().get(poolId);
            return true;
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("PoolNotFound"::equals).isPresent()) {
                return false;
            }
            throw BatchErrors.explain("reading pool " + poolId, e);
        }
    }

    private static <T> T call(String what, Callable<T> c) {
        try {
            return c.call();
        } catch (FarmException e) {
            throw e;
        } catch (Exception e) {
            throw BatchErrors.explain(what, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.deleteIfExists(dir.getParent());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FarmException("Interrupted while waiting for Batch.");
        }
    }

    @Override
    public void close() {
        // the client holds no resources that outlive the JVM's daemon threads
    }
}

package io.batchrender.submit;

import io.batchrender.farm.FarmException;
import com.google.gson.JsonObject;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.Submitted;
import io.batchrender.job.Job;
import io.batchrender.farm.CloudJobs;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.storage.AssetSync;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.SyncListener;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncProgress;
import io.batchrender.storage.SyncRequest;
import io.batchrender.storage.SyncResult;
import io.batchrender.storage.azure.AzureBlobStore;
import java.util.Locale;
import java.util.Objects;

/**
 * A scene job onto Azure Batch with its files in Azure Blob Storage, in one call: syncs the asset
 * project (only what changed, through the hash cache), makes a read+list SAS for it, creates the
 * job's own output container with a write SAS, points the tasks at the scene's blob and the path
 * map at the uploaded files, and submits. The job's metadata names the asset project and the
 * output container ({@code assetProject}, {@code outputContainer}), so any tool listing the
 * account, and the watcher, finds them. {@link SubmitService} uses it for a scene job on a farm with
 * {@link CloudJobs} whose assets are not given as a URL.
 *
 * <pre>{@code
 * SceneCompiler.Compiled p = SceneCompiler.compile(form, cwd, env);
 * try (AzureBlobStore store = (AzureBlobStore) AssetStores.open(home, env, Optional.of("azure"));
 *      HashCache cache = AssetStores.hashCache(home)) {
 *     AzureSubmission.Result r = new AzureSubmission(farm.cloudJobs().orElseThrow(), store, cache, SyncOptions.defaults())
 *             .submit(AzureSubmission.Request.of(p, Optional.empty(), settings), listener, cancel);
 * }
 * }</pre>
 *
 * Nothing is left half-made: a failed or cancelled sync submits nothing (run it again: finished
 * files are not sent twice), and a submission the farm refuses removes the empty output container.
 */
public final class AzureSubmission {

    /** Output containers are named {@code out-<job id>}. */
    public static final String OUTPUT_PREFIX = "out-";

    private final CloudJobs farm;
    private final AzureBlobStore store;
    private final HashCache cache;
    private final SyncOptions options;

    public AzureSubmission(CloudJobs farm, AzureBlobStore store, HashCache cache, SyncOptions options) {
        this.farm = Objects.requireNonNull(farm, "farm");
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * What to submit.
     *
     * @param spec     the prepared job (a scene job: {@link io.batchrender.job.Job#scene()} present)
     * @param upload   the scene's files and path map ({@link SceneUpload#of})
     * @param project  the asset project's name ({@link SceneUpload#defaultProject} when the artist names none)
     * @param settings the pool, environment and licenses; its storage parts are filled in here
     */
    public record Request(Job spec, SceneUpload upload, String project, AzureJobSettings settings) {

        public Request {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(upload, "upload");
            Objects.requireNonNull(settings, "settings");
            if (spec.scene().isEmpty()) {
                throw new IllegalArgumentException("an Azure submission with an asset project is for a scene job");
            }
            if (project == null || project.isBlank()) {
                throw new IllegalArgumentException("the asset project needs a name");
            }
        }

        /** The request for a prepared submission: its scene's files, the project named or the default one. */
        public static Request of(io.batchrender.compile.SceneCompiler.Compiled prepared, java.util.Optional<String> project, AzureJobSettings settings) {
            java.nio.file.Path scene = prepared.job().scene().orElseThrow(() -> new IllegalArgumentException(
                    "an Azure submission with an asset project is for a scene job"));
            return new Request(prepared.job(), SceneUpload.of(scene, prepared.manifest()),
                    project.orElseGet(() -> SceneUpload.defaultProject(scene, prepared.manifest())), settings);
        }
    }

    /**
     * What was submitted.
     *
     * @param job             the job as Batch has it
     * @param assetProject    the asset project's name
     * @param assetContainer  its container ({@code fgrp-<project>})
     * @param outputContainer the job's output container: images under {@code images/<task>/}, logs under {@code logs/<task>/}
     * @param sync            what the sync sent and skipped
     */
    public record Result(JobInfo job, String assetProject, String assetContainer, String outputContainer, SyncResult sync) {
    }

    /**
     * Syncs, prepares storage and submits. Runs on the calling thread.
     *
     * @throws StorageException    when the sync could not finish (files failed: run it again) or storage refuses
     * @throws FarmException       when Batch refuses the job, or the submission was cancelled before it reached Batch
     * @throws IllegalArgumentException for a project name that makes no container name
     */
    public Result submit(Request request, SubmitListener listener, Cancellation cancel) {
        farm.requirePreflight(request.spec(), request.settings().pool());
        String assetContainer = FileGroups.containerName(request.project());
        SyncRequest sync = new SyncRequest(assetContainer, request.upload().files(), java.util.List.of());
        SyncListener progress = listener::upload;
        SyncResult synced = new AssetSync(store, cache, options).run(sync, progress, cancel);
        if (synced.cancelled() || cancel.isCancelled()) {
            throw new FarmException("Cancelled while uploading to asset project " + request.project()
                    + "; nothing was submitted (submitting again sends only what is missing).");
        }
        if (!synced.complete()) {
            var first = synced.failed().isEmpty() ? null : synced.failed().get(0);
            throw new StorageException(StorageException.Kind.OTHER, synced.failed().size() + " file(s) could not be uploaded to "
                    + assetContainer + (first == null ? "" : ", first " + first.path() + " (" + first.reason() + ")")
                    + "; nothing was submitted: submit again, finished files are not sent twice.");
        }
        String jobId = farm.jobIdFor(request.spec().displayName());
        String output = outputContainerFor(jobId);
        AzureJobSettings settings = settingsFor(request, output);
        if (cancel.isCancelled()) {
            throw new FarmException("Cancelled before the job was submitted; the asset project " + request.project()
                    + " is uploaded.");
        }
        listener.step("Submitting " + request.spec().tasks().size() + " task(s) as job " + jobId + ".");
        Submitted submitted = farm.submit(request.spec(), settings, jobId, () -> store);
        submitted.notes().forEach(listener::step);
        return new Result(submitted.job(), request.project(), assetContainer, output, synced);
    }

    /**
     * What {@link #submit} would send for {@code request}, without uploading or creating anything
     * ({@link CloudJobs#preview(Job, AzureJobSettings, String)}): the asset project and the output
     * container appear by name. {@code jobId} is the id the job would have. Needs no storage account.
     */
    public static JsonObject preview(CloudJobs farm, Request request, String jobId) {
        farm.requirePreflight(request.spec(), request.settings().pool());
        return farm.preview(request.spec(), settingsFor(request, outputContainerFor(jobId)), jobId);
    }

    /**
     * The job's storage by name: the farm signs the containers and makes the output container as it sends
     * the job (and removes it again when the job could not be made: nothing was written to it).
     */
    private static AzureJobSettings settingsFor(Request request, String output) {
        String scene = request.spec().scene().orElseThrow().toString();
        return request.settings()
                .withAssetContainer(FileGroups.containerName(request.project()), "")
                .withSceneBlob(BlobNames.forLocalPath(scene))
                .withPathMap(request.upload().pathMap())
                .withStorageNames(request.project(), output);
    }

    /**
     * The output container of job {@code jobId}: {@code out-} and the job id in lower case, anything
     * but letters and digits as single hyphens; a long name keeps its end (time stamp and random
     * suffix, what makes it unique) and as much of its start as fits in 63 characters.
     */
    public static String outputContainerFor(String jobId) {
        String clean = jobId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        int room = 63 - OUTPUT_PREFIX.length();
        if (clean.length() > room) {
            int tail = Math.min(23, room); // "-yyyyMMdd-HHmmss-xxxxxx"
            String head = clean.substring(0, room - tail).replaceAll("-+$", "");
            clean = head + clean.substring(clean.length() - tail);
            clean = clean.replaceAll("-{2,}", "-").replaceAll("^-+", "");
        }
        return io.batchrender.storage.ContainerNames.check(OUTPUT_PREFIX + (clean.isEmpty() ? "job" : clean));
    }
}

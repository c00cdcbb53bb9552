package io.batchrender.templates;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * A job template with its parameters applied and its task factory run: what either farm submits
 * and what {@code template run --dry-run} prints. Both parts are in the Batch REST shape
 * (2024-07-01.20.0), so Azure Batch takes them almost as they are and the local farm reads the
 * same fields.
 *
 * <p>Conventions shared by the engine ({@code templates}) and the farms that run it:
 * <ul>
 *   <li>{@code job}: the body of "add job" ({@code id}, {@code displayName}, {@code priority},
 *       {@code poolInfo}, {@code constraints}, {@code jobPreparationTask}, {@code jobReleaseTask},
 *       {@code commonEnvironmentSettings}, {@code onAllTasksComplete}, {@code metadata}, ...): every
 *       expression evaluated, no {@code taskFactory}; {@code usesTaskDependencies} is true when a
 *       task has {@code dependsOn}.</li>
 *   <li>{@code tasks}: bodies of "add task", in submission order. Factory tasks have ids
 *       {@code "0"}, {@code "1"}, ... (as the Batch CLI extensions number them); a merge task comes
 *       last, id {@code "merge"}, with {@code dependsOn.taskIdRanges} covering all the others.</li>
 *   <li>Resource files that named a file group ({@code "source": {"fileGroup": G, "prefix": P}})
 *       are rewritten to {@code {"autoStorageContainerName": "fgrp-...", "blobPrefix": P,
 *       "filePath": ...}} (container name by {@link io.batchrender.storage.FileGroups}); a
 *       {@code source.container} becomes {@code autoStorageContainerName} as is; a
 *       {@code source.url} becomes {@code httpUrl}. The farm maps {@code autoStorageContainerName}
 *       onto its store (Azure: a read SAS URL in {@code storageContainerUrl}; local: the local
 *       store's container).</li>
 *   <li>Output files keep {@code "destination": {"autoStorage": {"fileGroup": G, "path": P}}}
 *       (Batch has no such field; the farm maps it: Azure to {@code container.containerUrl} with a
 *       write SAS of the file group's container, local to the local store's container).</li>
 * </ul>
 *
 * @param job   the job, as above
 * @param tasks the tasks, as above; empty only for a job driven by its {@code jobManagerTask}
 */
public record ExpandedJob(JsonObject job, List<JsonObject> tasks) {

    public ExpandedJob {
        job = job.deepCopy();
        tasks = tasks.stream().map(JsonObject::deepCopy).toList();
        if (tasks.isEmpty() && !job.has("jobManagerTask")) {
            throw new IllegalArgumentException("a job needs at least one task, or a job manager task");
        }
    }

    /** The job's id ({@code job.id}). */
    public String id() {
        return job.get("id").getAsString();
    }

    @Override
    public JsonObject job() {
        return job.deepCopy();
    }

    @Override
    public List<JsonObject> tasks() {
        return tasks.stream().map(JsonObject::deepCopy).toList();
    }

    /** How many tasks there are (merge task included), without copying them. */
    public int taskCount() {
        return tasks.size();
    }

    /**
     * A copy of task {@code index} (0-based, submission order): for farms that submit a big job in
     * batches without copying all of {@link #tasks()} at once.
     */
    public JsonObject task(int index) {
        return tasks.get(index).deepCopy();
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.local.LocalBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local farm's outputs, as the {@link OutputManifest} of each task's successful attempt lists
 * them: a scene job's files published into the job's output folder, or the blobs a template job's
 * task uploaded to containers of the local store (named by their blob names).
 */
public final class LocalTaskOutputs implements TaskOutputs {

    private final StateHome home;
    private final RenderFarm farm;
    /** job, task and output name → the local store's container of an uploaded output. */
    private final Map<String, String> containers = new ConcurrentHashMap<>();

    public LocalTaskOutputs(StateHome home, RenderFarm farm) {
        this.home = home;
        this.farm = farm;
    }

    @Override
    public List<OutputFile> list(String jobId, TaskInfo task) throws IOException {
        if (task.state() != TaskState.COMPLETED || task.result().orElse(null) != TaskResult.SUCCESS || task.attempts() < 1) {
            return List.of();
        }
        List<OutputManifest.Entry> entries = OutputManifest.read(task.id(),
                AttemptFiles.of(home, jobId, task.id(), task.attempts()).manifest());
        for (OutputManifest.Entry e : entries) {
            e.container().ifPresent(c -> containers.put(key(jobId, task.id(), e.file().name()), c));
        }
        return entries.stream().map(OutputManifest.Entry::file).toList();
    }

    @Override
    public InputStream open(String jobId, OutputFile file) throws IOException {
        String container = containers.get(key(jobId, file.taskId(), file.name()));
        if (container != null) {
            try (LocalBlobStore store = LocalBlobStore.open(AssetStores.localRoot(home))) {
                // the store replaces a blob's file when it is written again: this stream keeps the bytes it opened
                return Files.newInputStream(store.storedFile(container, file.name()));
            } catch (StorageException e) {
                throw new IOException(e.getMessage() + " (it was uploaded by task " + file.taskId() + ")", e);
            }
        }
        Path dir = outputDir(jobId);
        Path source = dir.resolve(file.name()).normalize();
        if (!source.startsWith(dir)) {
            throw new IOException("output " + file.name() + " is outside the job's folder " + dir);
        }
        return Files.newInputStream(source);
    }

    /** Where the job's finished outputs are, on this workstation. */
    public Path outputDir(String jobId) {
        JobInfo job = farm.job(jobId).orElseThrow(() -> JobDatabase.unknownJob(jobId));
        return job.outputDir().toAbsolutePath().normalize();
    }

    private static String key(String jobId, String taskId, String name) {
        return jobId + "\u0000" + taskId + "\u0000" + name;
    }
}

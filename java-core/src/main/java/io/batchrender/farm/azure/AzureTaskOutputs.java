package io.batchrender.farm.azure;

import io.batchrender.farm.Checksum;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.azure.AzureBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outputs of an Azure job's tasks: the blobs the nodes pushed into the job's output container
 * (its {@code outputContainer} metadata), {@code images/<task>/...} and {@code thumbs/<task>/...}.
 * A task's images are named relative to {@code images/<task>/} ({@code shot_0001.png}), its
 * thumbnails {@code thumbs/...}; the checksum is the blob's {@code Content-MD5} when it has one.
 * Only a task that succeeded has outputs: the nodes push images on success only.
 */
public final class AzureTaskOutputs implements TaskOutputs {

    private final AzureFarm farm;
    private final AzureBlobStore store;
    private final Map<String, String> containers = new ConcurrentHashMap<>();
    /** job, task and output name → the blob it was listed from, so open() reads exactly that blob. */
    private final Map<String, String> blobs = new ConcurrentHashMap<>();

    public AzureTaskOutputs(AzureFarm farm, AzureBlobStore store) {
        this.farm = farm;
        this.store = store;
    }

    @Override
    public List<OutputFile> list(String jobId, TaskInfo task) throws IOException {
        if (task.state() != TaskState.COMPLETED || task.result().orElse(null) != TaskResult.SUCCESS) {
            return List.of();
        }
        String container = container(jobId);
        List<OutputFile> out = new ArrayList<>();
        try {
            add(out, jobId, task.id(), store.list(container, BatchRequests.IMAGES + task.id() + "/"),
                    BatchRequests.IMAGES + task.id() + "/", "");
            add(out, jobId, task.id(), store.list(container, BatchRequests.THUMBS + task.id() + "/"),
                    BatchRequests.THUMBS + task.id() + "/", BatchRequests.THUMBS);
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }

    private void add(List<OutputFile> out, String jobId, String taskId, List<BlobInfo> listed, String prefix, String namePrefix)
            throws IOException {
        for (BlobInfo b : listed) {
            String name = namePrefix + b.name().substring(prefix.length());
            if (out.stream().anyMatch(o -> o.name().equals(name))) {
                continue; // an image the renderer itself put under thumbs/ wins over a thumbnail of that name
            }
            blobs.put(key(jobId, taskId, name), b.name());
            if (!OutputFile.isSafeName(name)) {
                throw new IOException("blob " + b.name() + " of task " + taskId + " has a name that cannot be a file here");
            }
            Optional<Checksum> md5 = b.contentMd5().map(m -> new Checksum(Checksum.MD5, HexFormat.of().formatHex(Base64.getDecoder().decode(m))));
            out.add(new OutputFile(taskId, name, b.size(), md5));
        }
    }

    @Override
    public InputStream open(String jobId, OutputFile file) throws IOException {
        String blob = blobs.getOrDefault(key(jobId, file.taskId(), file.name()),
                BatchRequests.IMAGES + file.taskId() + "/" + file.name());
        try {
            return store.openRead(container(jobId), blob);
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String key(String jobId, String taskId, String name) {
        return jobId + "\u0000" + taskId + "\u0000" + name;
    }

    /** The job's output container, read once from its metadata. */
    private String container(String jobId) throws IOException {
        String known = containers.get(jobId);
        if (known != null) {
            return known;
        }
        String c = farm.outputContainer(jobId).orElseThrow(() -> new IOException("job " + jobId
                + " names no output container (submitted with --output-url or none): its outputs cannot be fetched"));
        containers.put(jobId, c);
        return c;
    }

}

package io.batchrender.farm.azure;

import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import io.batchrender.farm.Checksum;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.OutputFilePattern;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.azure.AzureBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The outputs of an Azure job's tasks, in the storage account of this machine's settings.
 * <ul>
 *   <li>A scene job (its {@code outputContainer} metadata names its output container): the blobs
 *       the nodes pushed to {@code images/<task>/...} and {@code thumbs/<task>/...}, named relative
 *       to {@code images/<task>/} ({@code shot_0001.png}), thumbnails {@code thumbs/...}.</li>
 *   <li>Any other job (a template job, or one made by another tool): the blobs each task's
 *       {@code outputFiles} uploaded on success ({@code taskSuccess}, {@code taskCompletion}) to a
 *       container of this account, found by the same pattern and path rule the upload followed
 *       ({@link OutputFilePattern}) and named by their blob names. Only blobs written since the job
 *       was created count, so the frames an earlier run left in a file group's folder are not
 *       taken for this one's. When several tasks upload into one folder, a blob there is given to
 *       the first of them the watcher asks about.</li>
 * </ul>
 * The checksum is the blob's {@code Content-MD5} when it has one. Only a task that succeeded has outputs.
 */
public final class AzureTaskOutputs implements TaskOutputs {

    private static final Logger LOG = Logger.getLogger(AzureTaskOutputs.class.getName());

    /** How much earlier than its job's creation a blob may look written: the two services' clocks, whole-second blob times. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** A blob to read. */
    private record Where(String container, String blob) {
    }

    /** Where one output file entry of a task uploads to, in this account. */
    private record Destination(String container, OutputFilePattern pattern) {
    }

    /** The destinations of a task's entries in this account, and the ones elsewhere (URLs without their query). */
    private record TaskDestinations(List<Destination> readable, List<String> elsewhere) {
    }

    private final AzureFarm farm;
    private final AzureBlobStore store;
    private final Duration clockSkew;
    private final Map<String, Optional<String>> containers = new ConcurrentHashMap<>();
    private final Map<String, Instant> created = new ConcurrentHashMap<>();
    private final Map<String, Map<String, TaskDestinations>> destinations = new ConcurrentHashMap<>();
    /** job, task and output name → the blob it was listed from, so open() reads exactly that blob. */
    private final Map<String, Where> blobs = new ConcurrentHashMap<>();
    /** Container listings made since the last {@link #newPoll()}, by container and prefix. */
    private final Map<String, List<BlobInfo>> listings = new ConcurrentHashMap<>();
    /** Blobs given to a task since the last {@link #newPoll()}. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();

    public AzureTaskOutputs(AzureFarm farm, AzureBlobStore store) {
        this(farm, store, CLOCK_SKEW);
    }

    /** With another allowance for the two services' clocks (tests, which cannot wait 30 s). */
    AzureTaskOutputs(AzureFarm farm, AzureBlobStore store, Duration clockSkew) {
        this.farm = farm;
        this.store = store;
        this.clockSkew = clockSkew;
    }

    @Override
    public void newPoll() {
        listings.clear();
        claimed.clear();
    }

    @Override
    public List<OutputFile> list(String jobId, TaskInfo task) throws IOException {
        if (task.state() != TaskState.COMPLETED || task.result().orElse(null) != TaskResult.SUCCESS) {
            return List.of();
        }
        Optional<String> container = outputContainer(jobId);
        return container.isPresent() ? sceneOutputs(jobId, task.id(), container.get()) : uploadedOutputs(jobId, task.id());
    }

    private List<OutputFile> sceneOutputs(String jobId, String taskId, String container) throws IOException {
        List<OutputFile> out = new ArrayList<>();
        String images = io.batchrender.compile.BatchNodeCompiler.IMAGES + taskId + "/";
        String thumbs = io.batchrender.compile.BatchNodeCompiler.THUMBS + taskId + "/";
        for (BlobInfo b : listed(container, images)) {
            add(out, jobId, taskId, container, b, b.name().substring(images.length()));
        }
        for (BlobInfo b : listed(container, thumbs)) {
            String name = io.batchrender.compile.BatchNodeCompiler.THUMBS + b.name().substring(thumbs.length());
            if (out.stream().noneMatch(o -> o.name().equals(name))) { // an image the renderer itself put under thumbs/ wins
                add(out, jobId, taskId, container, b, name);
            }
        }
        return out;
    }

    private List<OutputFile> uploadedOutputs(String jobId, String taskId) throws IOException {
        TaskDestinations where = destinationsOf(jobId, taskId);
        if (where.readable().isEmpty() && !where.elsewhere().isEmpty()) {
            throw new IOException("they go to " + where.elsewhere().get(0)
                    + ", outside " + store.describe() + ": fetch them from there");
        }
        Instant since = createdOf(jobId).minus(clockSkew);
        List<OutputFile> out = new ArrayList<>();
        for (Destination d : where.readable()) {
            for (BlobInfo b : listed(d.container(), d.pattern().blobPrefix())) {
                if (d.pattern().couldHaveUploaded(b.name()) && !b.lastModified().isBefore(since)
                        && claimed.add(jobId + "\u0000" + d.container() + "\u0000" + b.name())) {
                    add(out, jobId, taskId, d.container(), b, b.name());
                }
            }
        }
        return out;
    }

    private void add(List<OutputFile> out, String jobId, String taskId, String container, BlobInfo b, String name)
            throws IOException {
        if (!OutputFile.isSafeName(name)) {
            throw new IOException("blob " + b.name() + " of task " + taskId + " has a name that cannot be a file here");
        }
        blobs.put(key(jobId, taskId, name), new Where(container, b.name()));
        Optional<Checksum> md5 = b.contentMd5().map(m -> new Checksum(Checksum.MD5, HexFormat.of().formatHex(Base64.getDecoder().decode(m))));
        out.add(new OutputFile(taskId, name, b.size(), md5));
    }

    /** One listing per container and prefix between two polls: tasks sharing a folder do not list it once each. */
    private List<BlobInfo> listed(String container, String prefix) throws IOException {
        String k = container + "\u0000" + prefix;
        List<BlobInfo> known = listings.get(k);
        if (known != null) {
            return known;
        }
        try {
            List<BlobInfo> listing = store.list(container, prefix);
            listings.put(k, listing);
            return listing;
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String jobId, OutputFile file) throws IOException {
        Where w = blobs.get(key(jobId, file.taskId(), file.name()));
        if (w == null) {
            String container = outputContainer(jobId).orElseThrow(() -> new IOException(file.name() + " of task "
                    + file.taskId() + " was not listed by this watcher"));
            w = new Where(container, io.batchrender.compile.BatchNodeCompiler.IMAGES + file.taskId() + "/" + file.name());
        }
        try {
            return store.openRead(w.container(), w.blob());
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String key(String jobId, String taskId, String name) {
        return jobId + "\u0000" + taskId + "\u0000" + name;
    }

    /** The job's output container as its metadata records it (scene jobs), read once. */
    private Optional<String> outputContainer(String jobId) {
        return containers.computeIfAbsent(jobId, farm::outputContainer);
    }

    private Instant createdOf(String jobId) throws IOException {
        Instant known = created.get(jobId);
        if (known == null) {
            known = farm.job(jobId).map(JobInfo::created).orElseThrow(() -> new IOException("job " + jobId + " no longer exists"));
            created.put(jobId, known);
        }
        return known;
    }

    /** The task's upload destinations, from one listing of the job's tasks (again when a task is new to it). */
    private TaskDestinations destinationsOf(String jobId, String taskId) {
        Map<String, TaskDestinations> job = destinations.get(jobId);
        if (job == null || !job.containsKey(taskId)) {
            job = new HashMap<>();
            for (var e : farm.taskOutputFiles(jobId).entrySet()) {
                job.put(e.getKey(), destinations(e.getValue()));
            }
            destinations.put(jobId, job);
        }
        return job.getOrDefault(taskId, new TaskDestinations(List.of(), List.of()));
    }

    private TaskDestinations destinations(List<com.microsoft.azure.batch.protocol.models.OutputFile> entries) {
        List<Destination> readable = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (var f : entries) {
            OutputFileUploadCondition when = f.uploadOptions() == null ? null : f.uploadOptions().uploadCondition();
            OutputFileBlobContainerDestination to = f.destination() == null ? null : f.destination().container();
            if (when == null || when == OutputFileUploadCondition.TASK_FAILURE || to == null || to.containerUrl() == null
                    || f.filePattern() == null) {
                continue;
            }
            Optional<String> container = containerOfThisAccount(to.containerUrl());
            if (container.isPresent()) {
                readable.add(new Destination(container.get(), OutputFilePattern.of(f.filePattern(), to.path())));
            } else {
                elsewhere.add(withoutQuery(to.containerUrl()));
            }
        }
        if (!readable.isEmpty() && !elsewhere.isEmpty()) {
            LOG.warning("some outputs go to " + elsewhere.get(0) + ", outside " + store.describe() + ": they are not fetched");
        }
        return new TaskDestinations(List.copyOf(readable), List.copyOf(elsewhere));
    }

    /** The container a container URL names, when it is one of this store's account. */
    private Optional<String> containerOfThisAccount(String containerUrl) {
        String url = withoutQuery(containerUrl);
        String name = url.substring(url.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return withoutQuery(store.containerUrl(name)).equals(url) ? Optional.of(name) : Optional.empty();
    }

    /** Scheme, host and path (lower-case scheme and host, no trailing slash): never the SAS. */
    static String withoutQuery(String url) {
        try {
            URI u = URI.create(url);
            String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
            return (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT) + path;
        } catch (IllegalArgumentException | NullPointerException e) {
            return "a container URL that cannot be read";
        }
    }
}

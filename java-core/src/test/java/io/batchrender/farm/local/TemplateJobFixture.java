package io.batchrender.farm.local;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.compile.TemplateCompiler;
import io.batchrender.farm.Submitted;
import io.batchrender.job.Job;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.local.LocalBlobStore;
import io.batchrender.templates.ExpandedJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** A local farm and its local store, for tests that run template jobs compiled by {@link TemplateCompiler}. */
final class TemplateJobFixture implements AutoCloseable {

    final FarmFixture farm;
    final LocalBlobStore store;
    private final Path tmp;

    TemplateJobFixture(Path dir) {
        this(dir, Map.of());
    }

    TemplateJobFixture(Path dir, Map<String, String> extraEnv) {
        tmp = dir;
        farm = new FarmFixture(dir, extraEnv);
        store = LocalBlobStore.open(AssetStores.localRoot(farm.home));
    }

    /**
     * Compiles and submits a template job as {@code template run} does: the tasks run with the
     * submitter's environment under the job's commonEnvironmentSettings.
     */
    Submitted submit(ExpandedJob expanded) {
        Job job = TemplateCompiler.compile(expanded);
        Map<String, String> env = new LinkedHashMap<>(farm.env);
        env.putAll(job.environment());
        return farm.farm.submit(job.withEnvironment(env));
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** An expanded job from the "add job" body and the "add task" bodies, as JSON text. */
    static ExpandedJob job(String jobJson, String... taskJsons) {
        return new ExpandedJob(json(jobJson), Arrays.stream(taskJsons).map(TemplateJobFixture::json).toList());
    }

    /** The text of a blob of the local store, or null when there is none. */
    String blob(String container, String name) throws IOException {
        if (!store.containerExists(container) || store.list(container, name).stream().noneMatch(b -> b.name().equals(name))) {
            return null;
        }
        Path target = Files.createTempFile(tmp, "blob", ".txt");
        store.download(container, name, target, n -> { }, new Cancellation());
        return Files.readString(target, StandardCharsets.UTF_8);
    }

    List<String> blobNames(String container) {
        return store.containerExists(container) ? store.list(container, "").stream().map(b -> b.name()).sorted().toList()
                : List.of();
    }

    /** Puts text in the local store as a blob, as a file group upload would. */
    void put(String container, String name, String text) throws IOException {
        store.createContainer(container);
        Path file = Files.createTempFile(tmp, "put", ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        store.upload(container, name, file, Files.size(file), null, n -> { }, new Cancellation());
    }

    /** The folder of an attempt of a task (prep and release included): Batch's AZ_BATCH_TASK_DIR. */
    Path taskDir(String jobId, String taskId, int attempt) {
        return AttemptFiles.of(farm.home, jobId, taskId, attempt).dir();
    }

    @Override
    public void close() {
        farm.close();
        store.close();
    }
}

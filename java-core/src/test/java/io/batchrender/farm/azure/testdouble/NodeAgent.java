package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.render.CommandLineSplitter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the Batch node agent does for one task attempt: lay out the task folder, fetch the
 * resource files, run the command line as an argument list with the AZ_BATCH_* variables, then
 * push the output files to their containers. Its answer is the exit code and the failure info.
 */
final class NodeAgent {

    record Outcome(Integer exitCode, JsonObject failureInfo) {
        boolean success() {
            return failureInfo == null && exitCode != null && exitCode == 0;
        }
    }

    private final BlobHttp blobs = new BlobHttp();
    private final String account;
    private final String accountUrl;
    private final Map<String, String> baseEnv;
    /** Container name of the account's auto-storage → its SAS URL; null when none is linked. */
    private final Function<String, String> autoStorage;

    NodeAgent(String account, String accountUrl, Map<String, String> baseEnv, Function<String, String> autoStorage) {
        this.account = account;
        this.accountUrl = accountUrl;
        this.baseEnv = Map.copyOf(baseEnv);
        this.autoStorage = autoStorage;
    }

    /** Where a task's files live on the node: {@code workitems/<job>/job-1/<task>}. */
    static Path taskDir(DNode node, String jobId, String taskId) {
        return node.root.resolve("workitems").resolve(jobId).resolve("job-1").resolve(taskId);
    }

    /**
     * Runs {@code spec} (a task or job preparation task body) in {@code dir}/wd.
     *
     * @param started receives the process once it runs, so it can be stopped
     */
    Outcome run(JobContext ctx, JsonObject spec, Path dir, Duration limit, Consumer<Process> started)
            throws InterruptedException {
        Path wd = dir.resolve("wd");
        try {
            Files.createDirectories(wd);
        } catch (IOException e) {
            return failed("ResourceDirectoryCreateFailed", "Could not create " + wd + ": " + e.getMessage(), null);
        }
        Map<String, String> env = environment(ctx, spec, dir, wd);
        JsonObject fetchFailure = fetchResources(spec, wd);
        if (fetchFailure != null) {
            return new Outcome(null, fetchFailure);
        }
        // "The command line does not run under a shell" (https://learn.microsoft.com/azure/batch/
        // batch-compute-node-environment-variables): split into words and started as an argument list; a
        // template's shell syntax runs only inside the /bin/bash -c or cmd /c the Batch CLI extensions wrap it in
        List<String> args = CommandLineSplitter.split(Wire.str(spec, "commandLine", ""));
        if (args.isEmpty()) {
            return failed("CommandLaunchFailed", "The command line is empty.", null);
        }
        ProcessBuilder pb = new ProcessBuilder(args).directory(wd.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            writeQuietly(dir.resolve("stderr.txt"), e.getMessage() + "\n");
            return failed("CommandProgramNotFound", "The specified command program is not found: " + args.get(0), null);
        }
        started.accept(p);
        boolean done = limit == null ? waitFor(p) : p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            kill(p);
            return failed("MaxWallClockTimeExceeded", "The task exceeded its maximum wall clock time.", null);
        }
        int exit = p.exitValue();
        JsonObject upload = pushOutputs(spec, dir, wd, exit == 0);
        if (upload != null) {
            return new Outcome(exit, upload);
        }
        return exit == 0 ? new Outcome(0, null)
                : failed("FailureExitCode", "The task exited with an exit code representing a failure", exit);
    }

    private static boolean waitFor(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    /** Stops a process and everything it started. */
    static void kill(Process p) {
        try (Stream<ProcessHandle> kids = p.descendants()) {
            kids.forEach(ProcessHandle::destroyForcibly);
        }
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The environment: the node's own, the job's, the task's, then the service's AZ_BATCH_* on top. */
    private Map<String, String> environment(JobContext ctx, JsonObject spec, Path dir, Path wd) {
        Map<String, String> env = new HashMap<>(baseEnv);
        addSettings(env, ctx.commonEnvironment());
        addSettings(env, spec.getAsJsonArray("environmentSettings"));
        Path root = ctx.node().root;
        env.put("AZ_BATCH_ACCOUNT_NAME", account);
        env.put("AZ_BATCH_ACCOUNT_URL", accountUrl);
        env.put("AZ_BATCH_POOL_ID", ctx.poolId());
        env.put("AZ_BATCH_NODE_ID", ctx.node().id);
        env.put("AZ_BATCH_NODE_IS_DEDICATED", Boolean.toString(!ctx.node().lowPriority));
        env.put("AZ_BATCH_NODE_ROOT_DIR", root.toString());
        env.put("AZ_BATCH_NODE_SHARED_DIR", root.resolve("shared").toString());
        env.put("AZ_BATCH_NODE_STARTUP_DIR", root.resolve("startup").toString());
        env.put("AZ_BATCH_JOB_ID", ctx.jobId());
        Path prep = root.resolve("workitems").resolve(ctx.jobId()).resolve("job-1").resolve("jobpreparation");
        env.put("AZ_BATCH_JOB_PREP_DIR", prep.toString());
        env.put("AZ_BATCH_JOB_PREP_WORKING_DIR", prep.resolve("wd").toString());
        env.put("AZ_BATCH_TASK_ID", Wire.str(spec, "id", "jobpreparation"));
        env.put("AZ_BATCH_TASK_DIR", dir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", wd.toString());
        return env;
    }

    private static void addSettings(Map<String, String> env, com.google.gson.JsonArray settings) {
        if (settings == null) {
            return;
        }
        for (JsonElement e : settings) {
            JsonObject s = e.getAsJsonObject();
            env.put(Wire.str(s, "name", ""), Wire.str(s, "value", ""));
        }
    }

    /** Fetches the resource files into {@code wd}; the failure info when one cannot be fetched. */
    private JsonObject fetchResources(JsonObject spec, Path wd) {
        if (!spec.has("resourceFiles")) {
            return null;
        }
        for (JsonElement e : spec.getAsJsonArray("resourceFiles")) {
            JsonObject rf = e.getAsJsonObject();
            String filePath = Wire.str(rf, "filePath", "");
            try {
                if (rf.has("httpUrl")) {
                    blobs.download(Wire.str(rf, "httpUrl", ""), inside(wd, filePath));
                    continue;
                }
                String container = rf.has("storageContainerUrl") ? Wire.str(rf, "storageContainerUrl", "")
                        : autoStorage == null ? null : autoStorage.apply(Wire.str(rf, "autoStorageContainerName", ""));
                if (container == null) {
                    return failure("BlobAccessDenied", "The account has no auto-storage account linked.");
                }
                String prefix = Wire.str(rf, "blobPrefix", "");
                for (String name : blobs.list(container, prefix)) {
                    blobs.download(container, name, inside(wd, filePath.isEmpty() ? name : filePath + "/" + name));
                }
            } catch (BlobHttp.BlobError be) {
                return failure(be.status == 404 ? "BlobNotFound" : be.status == 403 ? "BlobAccessDenied"
                        : "BlobDownloadMiscError", be.getMessage());
            } catch (IOException | IllegalArgumentException ioe) {
                return failure("BlobDownloadMiscError", String.valueOf(ioe.getMessage()));
            }
        }
        return null;
    }

    /** {@code rel} under {@code wd}; a blob name or file path that would leave it is refused. */
    static Path inside(Path wd, String rel) {
        Path p = wd.resolve(rel).normalize();
        if (rel.isEmpty() || Path.of(rel).isAbsolute() || !p.startsWith(wd) || p.equals(wd)) {
            throw new IllegalArgumentException("Resource file path '" + rel + "' is outside the task's working directory.");
        }
        return p;
    }

    /** Uploads the output files whose condition holds; the failure info when an upload fails. */
    private JsonObject pushOutputs(JsonObject spec, Path dir, Path wd, boolean success) {
        if (!spec.has("outputFiles")) {
            return null;
        }
        StringBuilder log = new StringBuilder();
        String error = null;
        for (JsonElement e : spec.getAsJsonArray("outputFiles")) {
            JsonObject of = e.getAsJsonObject();
            String cond = Wire.str(Wire.obj(of, "uploadOptions"), "uploadCondition", "tasksuccess").toLowerCase(Locale.ROOT);
            if (cond.equals("tasksuccess") && !success || cond.equals("taskfailure") && success) {
                continue;
            }
            JsonObject container = Wire.obj(Wire.obj(of, "destination"), "container");
            String url = Wire.str(container, "containerUrl", "");
            String path = Wire.str(container, "path", "");
            String pattern = Wire.str(of, "filePattern", "").replace("$AZ_BATCH_TASK_DIR", dir.toString())
                    .replace("$AZ_BATCH_TASK_WORKING_DIR", wd.toString());
            try {
                for (Upload u : matches(wd, pattern, path)) {
                    blobs.upload(url, u.blobName(), u.file());
                    log.append("Uploaded ").append(u.file()).append(" to ").append(u.blobName()).append('\n');
                }
            } catch (IOException ex) {
                error = ex.getMessage();
                log.append("Upload failed: ").append(ex.getMessage()).append('\n');
            }
        }
        writeQuietly(dir.resolve("fileuploadout.txt"), log.toString());
        if (error != null) {
            writeQuietly(dir.resolve("fileuploaderr.txt"), error + "\n");
            return failure("FileUploadFailed", "One or more output files failed to upload: " + error);
        }
        return null;
    }

    record Upload(Path file, String blobName) {
    }

    /** The files {@code pattern} matches and their blob names, as the service's OutputFile rules say. */
    static List<Upload> matches(Path wd, String pattern, String path) throws IOException {
        Path patternPath = wd.resolve(pattern);
        String normalized = patternPath.toString().replace('\\', '/');
        int wild = indexOfWildcard(normalized);
        if (wild < 0) {
            Path f = patternPath.normalize();
            return Files.isRegularFile(f) ? List.of(new Upload(f, path.isEmpty() ? f.getFileName().toString() : path))
                    : List.of();
        }
        Path base = Path.of(normalized.substring(0, normalized.lastIndexOf('/', wild)));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile).filter(f -> m.matches(f) || matchesFlat(normalized, base, f))
                    .map(f -> new Upload(f, (path.isEmpty() ? "" : path + "/") + base.relativize(f).toString().replace('\\', '/')))
                    .sorted(java.util.Comparator.comparing(Upload::blobName)).toList();
        }
    }

    /** {@code dir/**}{@code /*} also matches files directly in dir, as the service's globbing does. */
    private static boolean matchesFlat(String pattern, Path base, Path f) {
        return pattern.endsWith("/**/*") && f.getParent().equals(base);
    }

    private static int indexOfWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Outcome failed(String code, String message, Integer exit) {
        return new Outcome(exit, failure(code, message));
    }

    static JsonObject failure(String code, String message) {
        JsonObject f = new JsonObject();
        f.addProperty("category", "UserError");
        f.addProperty("code", code);
        f.addProperty("message", message);
        return f;
    }

    private static void writeQuietly(Path file, String text) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.print(text);
        } catch (IOException ignored) {
            // the node's own bookkeeping; nothing else to tell
        }
    }

    /** What a task attempt runs within: its job, pool, node and the job's common environment. */
    record JobContext(String jobId, String poolId, DNode node, com.google.gson.JsonArray commonEnvironment) {
    }
}

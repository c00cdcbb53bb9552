package io.batchrender.farm.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.FarmException;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.SafeBlobPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the parts of Batch "add task" bodies (and the job preparation and release tasks) the local
 * farm runs, refusing what cannot be right with one line naming the task and the field.
 */
final class TemplateTaskReader {

    /** Batch ids: letters, digits, hyphens and underscores, 1 to 64 characters. */
    static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FILE_MODE = Pattern.compile("0?[0-7]{3}");
    /** A wall-clock limit beyond this is Batch's "no limit" (its default is about 29,000 years). */
    private static final Duration NO_LIMIT = Duration.ofDays(365L * 100);
    private static final Path SOME_DIR = Path.of("/wd").toAbsolutePath();

    private TemplateTaskReader() {
    }

    /** The task's {@code commandLine}, or a one-line refusal. */
    static String commandLine(JsonObject task, String what) {
        String line = string(task, "commandLine").orElse("").strip();
        if (line.isEmpty()) {
            throw refuse(what + " has no commandLine: give it the program to run.");
        }
        return line;
    }

    /** {@code environmentSettings} (or {@code commonEnvironmentSettings}) as a map, in order. */
    static Map<String, String> environment(JsonObject holder, String field, String what) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonElement e : array(holder, field)) {
            if (!e.isJsonObject() || string(e.getAsJsonObject(), "name").isEmpty()) {
                throw refuse(what + ": every entry of " + field + " needs a name.");
            }
            JsonObject o = e.getAsJsonObject();
            env.put(o.get("name").getAsString(), string(o, "value").orElse(""));
        }
        return env;
    }

    static List<TemplateTask.ResourceFile> resourceFiles(JsonObject task, String what) {
        List<TemplateTask.ResourceFile> files = new ArrayList<>();
        for (JsonElement e : array(task, "resourceFiles")) {
            if (!e.isJsonObject()) {
                throw refuse(what + ": every resource file must be an object.");
            }
            JsonObject o = e.getAsJsonObject();
            String container = string(o, "autoStorageContainerName").orElse(null);
            String containerUrl = string(o, "storageContainerUrl").orElse(null);
            String url = string(o, "httpUrl").orElse(null);
            int sources = (container != null ? 1 : 0) + (containerUrl != null ? 1 : 0) + (url != null ? 1 : 0);
            if (sources != 1) {
                throw refuse(what + ": a resource file needs exactly one of autoStorageContainerName, storageContainerUrl"
                        + " and httpUrl (found " + sources + ").");
            }
            String filePath = string(o, "filePath").map(p -> p.replace('\\', '/')).orElse(null);
            if (url != null && (filePath == null || filePath.isEmpty() || filePath.endsWith("/"))) {
                throw refuse(what + ": the resource file " + ContainerUrls.withoutQuery(url)
                        + " needs a filePath naming the file in the working folder.");
            }
            if (url == null && filePath != null) {
                filePath = filePath.replaceAll("/+$", ""); // a folder: "assets/" is "assets"
            }
            if (filePath != null && !filePath.isEmpty()
                    && SafeBlobPath.resolve(SOME_DIR, filePath) instanceof SafeBlobPath.Refused r) {
                throw refuse(what + ": the resource file path '" + filePath + "' is refused (" + r.reason()
                        + "): give a path inside the task's working folder.");
            }
            if (url != null && !(url.startsWith("file:") || url.startsWith("http://") || url.startsWith("https://"))) {
                throw refuse(what + ": the resource file URL " + ContainerUrls.withoutQuery(url)
                        + " is neither file:, http: nor https:.");
            }
            String mode = string(o, "fileMode").orElse(null);
            if (mode != null && !FILE_MODE.matcher(mode).matches()) {
                throw refuse(what + ": fileMode '" + mode + "' is not an octal mode like 0755.");
            }
            files.add(new TemplateTask.ResourceFile(container, string(o, "blobPrefix").orElse(""), containerUrl, url,
                    filePath, mode));
        }
        return files;
    }

    static List<TemplateTask.OutputSpec> outputFiles(JsonObject task, String what) {
        List<TemplateTask.OutputSpec> outputs = new ArrayList<>();
        for (JsonElement e : array(task, "outputFiles")) {
            JsonObject o = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
            String pattern = string(o, "filePattern").orElseThrow(() ->
                    refuse(what + ": every output file needs a filePattern."));
            JsonObject dest = object(o, "destination");
            JsonObject auto = object(dest, "autoStorage");
            JsonObject container = object(dest, "container");
            String localContainer = null;
            String containerUrl = null;
            String path;
            if (auto.has("fileGroup")) {
                try {
                    localContainer = FileGroups.containerName(auto.get("fileGroup").getAsString());
                } catch (IllegalArgumentException ex) {
                    throw refuse(what + ": output file group: " + ex.getMessage() + ".");
                }
                path = string(auto, "path").orElse(null);
            } else if (container.has("containerUrl")) {
                containerUrl = container.get("containerUrl").getAsString();
                path = string(container, "path").orElse(null);
            } else {
                throw refuse(what + ": the output " + pattern + " needs destination.autoStorage.fileGroup or"
                        + " destination.container.containerUrl.");
            }
            String condition = string(object(o, "uploadOptions"), "uploadCondition").orElse("taskSuccess")
                    .toLowerCase(Locale.ROOT);
            if (!List.of("tasksuccess", "taskfailure", "taskcompletion").contains(condition)) {
                throw refuse(what + ": uploadCondition '" + condition + "' is not taskSuccess, taskFailure or taskCompletion.");
            }
            outputs.add(new TemplateTask.OutputSpec(pattern.replace('\\', '/'), condition, localContainer, containerUrl,
                    path == null || path.isEmpty() ? null : path));
        }
        return outputs;
    }

    /** {@code maxWallClockTime} as milliseconds (0: no limit). */
    static long wallClockMs(JsonObject holder, String what) {
        Optional<String> text = string(holder, "maxWallClockTime");
        if (text.isEmpty()) {
            return 0;
        }
        try {
            Duration d = Duration.parse(text.get());
            if (d.isNegative() || d.isZero()) {
                throw refuse(what + ": maxWallClockTime " + text.get() + " must be longer than zero.");
            }
            return d.compareTo(NO_LIMIT) > 0 ? 0 : d.toMillis();
        } catch (DateTimeParseException e) {
            throw refuse(what + ": maxWallClockTime '" + text.get() + "' is not an ISO-8601 duration such as PT2H.");
        }
    }

    /** {@code maxTaskRetryCount}: -1 (retry without limit) becomes the largest count. */
    static Optional<Integer> retries(JsonObject constraints, String what) {
        if (!constraints.has("maxTaskRetryCount")) {
            return Optional.empty();
        }
        int n = constraints.get("maxTaskRetryCount").getAsInt();
        if (n < -1) {
            throw refuse(what + ": maxTaskRetryCount " + n + " must be -1 (no limit) or more.");
        }
        return Optional.of(n == -1 ? Integer.MAX_VALUE : n);
    }

    /** The ids a task depends on ({@code taskIds} and {@code taskIdRanges}), each checked against {@code known}. */
    static List<String> dependsOn(JsonObject task, String id, java.util.Set<String> known) {
        JsonObject deps = object(task, "dependsOn");
        List<String> ids = new ArrayList<>();
        for (JsonElement e : array(deps, "taskIds")) {
            String dep = e.getAsString();
            if (!known.contains(dep)) {
                throw refuse("Task " + id + " depends on task '" + dep + "', which is not in the job.");
            }
            ids.add(dep);
        }
        for (JsonElement e : array(deps, "taskIdRanges")) {
            JsonObject r = e.getAsJsonObject();
            long start = r.get("start").getAsLong();
            long end = r.get("end").getAsLong();
            if (start < 0 || end < start) {
                throw refuse("Task " + id + " has a task id range " + start + "-" + end + " that is empty or negative.");
            }
            if (end - start >= known.size()) {
                throw refuse("Task " + id + " depends on tasks " + start + "-" + end + ", more than the job has.");
            }
            for (long n = start; n <= end; n++) {
                String dep = Long.toString(n);
                if (!known.contains(dep)) {
                    throw refuse("Task " + id + " depends on task '" + dep + "' (range " + start + "-" + end
                            + "), which is not in the job.");
                }
                ids.add(dep);
            }
        }
        if (ids.contains(id)) {
            throw refuse("Task " + id + " depends on itself.");
        }
        return ids.stream().distinct().toList();
    }

    // ---- JSON helpers ----------------------------------------------------------------------

    static Optional<String> string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
    }

    static JsonObject object(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    static JsonArray array(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    static FarmException refuse(String message) {
        return new FarmException(message);
    }
}

package io.batchrender.compile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.render.RenderSetupException;
import io.batchrender.job.Constraints;
import io.batchrender.job.DependsOn;
import io.batchrender.job.OutputFile;
import io.batchrender.job.ResourceFile;
import io.batchrender.job.Secrets;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.SafeBlobPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the parts of Batch "add task" bodies (and of the job preparation and release tasks) that the
 * job model carries, refusing what cannot be right with one line naming the task and the field.
 * The rules are the service's (https://learn.microsoft.com/rest/api/batchservice/task/add): they hold
 * on every farm.
 */
final class TemplateTaskBodies {

    /** Batch ids: letters, digits, hyphens and underscores, 1 to 64 characters. */
    static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FILE_MODE = Pattern.compile("0?[0-7]{3}");
    /** A wall-clock limit beyond this is Batch's "no limit" (its default is about 29,000 years). */
    private static final Duration NO_LIMIT = Duration.ofDays(365L * 100);
    private static final Path SOME_DIR = Path.of("/wd").toAbsolutePath();

    private TemplateTaskBodies() {
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

    static List<ResourceFile> resourceFiles(JsonObject task, String what) {
        List<ResourceFile> files = new ArrayList<>();
        for (JsonElement e : array(task, "resourceFiles")) {
            if (!e.isJsonObject()) {
                throw refuse(what + ": every resource file must be an object.");
            }
            JsonObject o = e.getAsJsonObject();
            Optional<String> container = string(o, "autoStorageContainerName");
            Optional<String> containerUrl = string(o, "storageContainerUrl");
            Optional<String> url = string(o, "httpUrl");
            int sources = (container.isPresent() ? 1 : 0) + (containerUrl.isPresent() ? 1 : 0) + (url.isPresent() ? 1 : 0);
            if (sources != 1) {
                throw refuse(what + ": a resource file needs exactly one of autoStorageContainerName, storageContainerUrl"
                        + " and httpUrl (found " + sources + ").");
            }
            String filePath = string(o, "filePath").map(p -> p.replace('\\', '/')).orElse(null);
            if (url.isPresent() && (filePath == null || filePath.isEmpty() || filePath.endsWith("/"))) {
                throw refuse(what + ": the resource file " + Secrets.withoutQuery(url.get())
                        + " needs a filePath naming the file in the working folder.");
            }
            if (url.isEmpty() && filePath != null) {
                filePath = filePath.replaceAll("/+$", ""); // a folder: "assets/" is "assets"
            }
            if (filePath != null && !filePath.isEmpty()
                    && SafeBlobPath.resolve(SOME_DIR, filePath) instanceof SafeBlobPath.Refused r) {
                throw refuse(what + ": the resource file path '" + filePath + "' is refused (" + r.reason()
                        + "): give a path inside the task's working folder.");
            }
            if (url.isPresent() && !(url.get().startsWith("file:") || url.get().startsWith("http://")
                    || url.get().startsWith("https://"))) {
                throw refuse(what + ": the resource file URL " + Secrets.withoutQuery(url.get())
                        + " is neither file:, http: nor https:.");
            }
            Optional<String> mode = string(o, "fileMode");
            if (mode.isPresent() && !FILE_MODE.matcher(mode.get()).matches()) {
                throw refuse(what + ": fileMode '" + mode.get() + "' is not an octal mode like 0755.");
            }
            Optional<String> prefix = url.isPresent() ? Optional.empty() : string(o, "blobPrefix").filter(p -> !p.isEmpty());
            Optional<String> identity = identity(o, what);
            if (identity.isPresent() && container.isPresent()) {
                throw refuse(what + ": the resource file of container " + container.get() + " has an identityReference;"
                        + " the Batch account's own storage needs none (give it to a storageContainerUrl or httpUrl).");
            }
            files.add(new ResourceFile(container, containerUrl, url, prefix,
                    Optional.ofNullable(filePath).filter(p -> !p.isEmpty()), mode, identity));
        }
        return files;
    }

    static List<OutputFile> outputFiles(JsonObject task, String what) {
        List<OutputFile> outputs = new ArrayList<>();
        for (JsonElement e : array(task, "outputFiles")) {
            JsonObject o = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
            String pattern = string(o, "filePattern").orElseThrow(() ->
                    refuse(what + ": every output file needs a filePattern."));
            JsonObject dest = object(o, "destination");
            JsonObject auto = object(dest, "autoStorage");
            JsonObject container = object(dest, "container");
            OutputFile.Destination destination;
            if (auto.has("fileGroup")) {
                String group;
                try {
                    group = FileGroups.containerName(auto.get("fileGroup").getAsString());
                } catch (IllegalArgumentException ex) {
                    throw refuse(what + ": output file group: " + ex.getMessage() + ".");
                }
                destination = OutputFile.Destination.container(group, string(auto, "path").orElse(""));
            } else if (container.has("containerUrl")) {
                destination = new OutputFile.Destination(Optional.empty(),
                        Optional.of(container.get("containerUrl").getAsString()), false, string(container, "path").orElse(""),
                        identity(container, what), uploadHeaders(container, what));
            } else {
                throw refuse(what + ": the output " + pattern + " needs destination.autoStorage.fileGroup or"
                        + " destination.container.containerUrl.");
            }
            String condition = string(object(o, "uploadOptions"), "uploadCondition").orElse("taskSuccess");
            OutputFile.UploadCondition when = OutputFile.UploadCondition.parse(condition).orElseThrow(() -> refuse(what
                    + ": uploadCondition '" + condition + "' is not taskSuccess, taskFailure or taskCompletion."));
            outputs.add(new OutputFile(pattern.replace('\\', '/'), destination, when));
        }
        return outputs;
    }

    /**
     * {@code identityReference.resourceId}: the pool's user-assigned identity that reads or writes the
     * storage instead of a SAS (https://learn.microsoft.com/rest/api/batchservice/task/add#computenodeidentityreference).
     */
    static Optional<String> identity(JsonObject holder, String what) {
        if (!holder.has("identityReference")) {
            return Optional.empty();
        }
        return Optional.of(string(object(holder, "identityReference"), "resourceId").filter(r -> !r.isBlank())
                .orElseThrow(() -> refuse(what + ": identityReference needs the resourceId of the pool's user-assigned"
                        + " identity (/subscriptions/.../userAssignedIdentities/NAME).")));
    }

    /** {@code uploadHeaders}: name and value of each header sent with an output's upload (HttpHeader). */
    static List<OutputFile.HttpHeader> uploadHeaders(JsonObject container, String what) {
        List<OutputFile.HttpHeader> headers = new ArrayList<>();
        for (JsonElement e : array(container, "uploadHeaders")) {
            JsonObject h = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
            headers.add(new OutputFile.HttpHeader(string(h, "name").filter(n -> !n.isBlank()).orElseThrow(() ->
                    refuse(what + ": every upload header needs a name.")), string(h, "value").orElse("")));
        }
        return headers;
    }

    /** {@code constraints}' retries and wall-clock limit. */
    static Constraints constraints(JsonObject holder, String what) {
        JsonObject c = object(holder, "constraints");
        return new Constraints(wallClock(c, what), retries(c, what));
    }

    /** {@code maxWallClockTime}; empty: no limit (also Batch's own "no limit", about 29,000 years). */
    static Optional<Duration> wallClock(JsonObject holder, String what) {
        Optional<String> text = string(holder, "maxWallClockTime");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(text.get());
            if (d.isNegative() || d.isZero()) {
                throw refuse(what + ": maxWallClockTime " + text.get() + " must be longer than zero.");
            }
            return d.compareTo(NO_LIMIT) > 0 ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            throw refuse(what + ": maxWallClockTime '" + text.get() + "' is not an ISO-8601 duration such as PT2H.");
        }
    }

    /** {@code maxTaskRetryCount}: -1 retries without limit. */
    static Optional<Integer> retries(JsonObject constraints, String what) {
        if (!constraints.has("maxTaskRetryCount")) {
            return Optional.empty();
        }
        int n = constraints.get("maxTaskRetryCount").getAsInt();
        if (n < -1) {
            throw refuse(what + ": maxTaskRetryCount " + n + " must be -1 (no limit) or more.");
        }
        return Optional.of(n);
    }

    /**
     * The task's {@code dependsOn}, each id checked against {@code known}; ranges stay ranges (a merge
     * after 100,000 frames stays one short request).
     */
    static DependsOn dependsOn(JsonObject task, String id, Set<String> known) {
        JsonObject deps = object(task, "dependsOn");
        List<String> ids = new ArrayList<>();
        for (JsonElement e : array(deps, "taskIds")) {
            String dep = e.getAsString();
            if (!known.contains(dep)) {
                throw refuse("Task " + id + " depends on task '" + dep + "', which is not in the job.");
            }
            if (dep.equals(id)) {
                throw refuse("Task " + id + " depends on itself.");
            }
            if (!ids.contains(dep)) {
                ids.add(dep);
            }
        }
        List<DependsOn.IdRange> ranges = new ArrayList<>();
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
                if (dep.equals(id)) {
                    throw refuse("Task " + id + " depends on itself.");
                }
            }
            ranges.add(new DependsOn.IdRange((int) start, (int) end));
        }
        return new DependsOn(ids, ranges);
    }

    /** The fields of {@code body} other than {@code read}, for {@code BatchFields}; {@code constraints} keeps its unread part. */
    static JsonObject unread(JsonObject body, Set<String> read) {
        JsonObject rest = new JsonObject();
        for (String key : body.keySet()) {
            if (!read.contains(key)) {
                rest.add(key, body.get(key).deepCopy());
            }
        }
        JsonObject c = object(body, "constraints");
        JsonObject cRest = new JsonObject();
        for (String key : c.keySet()) {
            if (!key.equals("maxWallClockTime") && !key.equals("maxTaskRetryCount")) {
                cRest.add(key, c.get(key).deepCopy());
            }
        }
        if (cRest.size() > 0) {
            rest.add("constraints", cRest);
        }
        return rest;
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

    static RenderSetupException refuse(String message) {
        return new RenderSetupException(message);
    }
}

package io.batchrender.farm.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.storage.FileGroups;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The file-group references of an expanded template (anywhere in a job, task or pool body: tasks,
 * job preparation and release tasks, start tasks, an auto-pool's start task), and their rewrite to
 * what Batch takes:
 * <ul>
 *   <li>a resource file {@code {"autoStorageContainerName": C, "blobPrefix": P, ...}} becomes
 *       {@code {"storageContainerUrl": <read+list SAS URL of C>, "blobPrefix": P, ...}};</li>
 *   <li>an output destination {@code {"autoStorage": {"fileGroup": G, "path": P}}} becomes
 *       {@code {"container": {"containerUrl": <write SAS URL of fgrp-G>, "path": P}}}; one that names its
 *       container ({@code {"autoStorage": {"containerName": C, ...}}}, a job compiled from the model) the same
 *       with C.</li>
 * </ul>
 * Pure: the SAS URLs come from the caller.
 */
final class TemplateFileGroups {

    /** The containers a body reads ({@code inputs}) and writes ({@code outputs}). */
    record Refs(Set<String> inputs, Set<String> outputs) {
        static Refs empty() {
            return new Refs(new TreeSet<>(), new TreeSet<>());
        }

        boolean isEmpty() {
            return inputs.isEmpty() && outputs.isEmpty();
        }
    }

    private TemplateFileGroups() {
    }

    /**
     * Adds the containers {@code body} references to {@code refs}.
     *
     * @throws UnsupportedTemplateException for an autoStorage destination without a file group, or
     *                                      a container name storage would not take
     */
    static void scan(JsonObject body, String where, Refs refs) {
        visit(body, where, BodyPath.ROOT, refs, null, null);
    }

    /** Rewrites {@code body} in place; {@code readUrl}/{@code writeUrl} give a container's SAS URL. */
    static void rewrite(JsonObject body, String where, Function<String, String> readUrl, Function<String, String> writeUrl) {
        visit(body, where, BodyPath.ROOT, Refs.empty(), readUrl, writeUrl);
    }

    private static void visit(JsonElement e, String where, BodyPath path, Refs refs, Function<String, String> readUrl,
                              Function<String, String> writeUrl) {
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                visit(a.get(i), where, path.element(i), refs, readUrl, writeUrl);
            }
            return;
        }
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        if (o.has("autoStorageContainerName") && path.isElementOf("resourceFiles")) {
            String container = containerName(o.get("autoStorageContainerName"), where, path);
            refs.inputs().add(container);
            if (readUrl != null) {
                o.remove("autoStorageContainerName");
                o.addProperty("storageContainerUrl", readUrl.apply(container));
            }
        }
        if (o.has("destination") && path.isElementOf("outputFiles") && o.get("destination").isJsonObject()
                && o.getAsJsonObject("destination").has("autoStorage")) {
            JsonObject destination = o.getAsJsonObject("destination");
            JsonElement auto = destination.get("autoStorage");
            JsonElement group = auto.isJsonObject() ? auto.getAsJsonObject().get("fileGroup") : null;
            // a job compiled from the model names the container itself (BatchBodies): the job's own output container
            JsonElement named = auto.isJsonObject() ? auto.getAsJsonObject().get("containerName") : null;
            if (named == null && (group == null || !group.isJsonPrimitive() || group.getAsString().isBlank())) {
                throw new UnsupportedTemplateException(where + ": " + path
                        + ".destination.autoStorage needs a fileGroup: the file group the outputs go to.");
            }
            if (destination.size() > 1) {
                throw new UnsupportedTemplateException(where + ": " + path
                        + ".destination has autoStorage and another destination: keep one.");
            }
            String container = named != null ? containerName(named, where, path)
                    : outputContainer(group.getAsString(), where, path);
            refs.outputs().add(container);
            if (writeUrl != null) {
                JsonObject c = new JsonObject();
                c.addProperty("containerUrl", writeUrl.apply(container));
                JsonElement p = auto.getAsJsonObject().get("path");
                if (p != null && !p.isJsonNull()) {
                    c.add("path", p.deepCopy());
                }
                destination.remove("autoStorage");
                destination.add("container", c);
            }
        }
        for (Map.Entry<String, JsonElement> m : o.entrySet()) {
            if (!m.getValue().isJsonPrimitive()) {
                visit(m.getValue(), where, path.field(m.getKey()), refs, readUrl, writeUrl);
            }
        }
    }

    private static String containerName(JsonElement value, String where, BodyPath path) {
        String name = value.isJsonPrimitive() ? value.getAsString() : "";
        try {
            return io.batchrender.storage.ContainerNames.check(name);
        } catch (IllegalArgumentException ex) {
            throw new UnsupportedTemplateException(where + ": " + path + ".autoStorageContainerName: " + ex.getMessage());
        }
    }

    private static String outputContainer(String fileGroup, String where, BodyPath path) {
        try {
            return FileGroups.containerName(fileGroup);
        } catch (IllegalArgumentException ex) {
            throw new UnsupportedTemplateException(where + ": " + path + ".destination.autoStorage.fileGroup: "
                    + ex.getMessage());
        }
    }
}

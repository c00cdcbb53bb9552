package io.batchrender.farm.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a Batch template written before 2024 may hold that the 2024-07-01.20.0 API no longer takes,
 * found before anything is created: pay-per-use {@code applicationLicenses} and the rendering
 * images (both retired on 29 February 2024), Cloud Services pools ({@code cloudServiceConfiguration},
 * retired the same day). Each is a one-line {@link UnsupportedTemplateException} saying what to
 * use instead. The one legacy spelling with an exact successor, a resource file's
 * {@code blobSource} (renamed {@code httpUrl} in 2018), is renamed in place with a note.
 */
final class TemplateChecks {

    static final String LICENSES = "applicationLicenses: Azure retired pay-per-use licenses for Maya, Arnold, V-Ray and"
            + " 3ds Max on 29 February 2024; remove it and point the renderer at your own license server through"
            + " environment variables (e.g. ADSKFLEX_LICENSE_FILE=27000@licserver in the job's commonEnvironmentSettings).";
    static final String CLOUD_SERVICE = "cloudServiceConfiguration: Cloud Services pools were retired on 29 February 2024;"
            + " use virtualMachineConfiguration with a custom image or a marketplace image and its nodeAgentSKUId.";

    private TemplateChecks() {
    }

    /**
     * Checks {@code body} (a job, task or pool body, changed in place for renames).
     *
     * @param where what it is, for messages: "job maya-1", "task 3", "pool render"
     * @param notes receives a line per rename
     * @throws UnsupportedTemplateException for a retired feature
     */
    static void check(JsonObject body, String where, List<String> notes) {
        walk(body, where, BodyPath.ROOT, notes);
    }

    private static void walk(JsonElement e, String where, BodyPath path, List<String> notes) {
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                walk(a.get(i), where, path.element(i), notes);
            }
            return;
        }
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        if (o.has("applicationLicenses")) {
            throw new UnsupportedTemplateException(where + ": " + path.prefix() + LICENSES);
        }
        if (o.has("cloudServiceConfiguration")) {
            throw new UnsupportedTemplateException(where + ": " + path.prefix() + CLOUD_SERVICE);
        }
        if (o.has("imageReference") && o.get("imageReference").isJsonObject()) {
            retiredImage(o.getAsJsonObject("imageReference"), where, path);
        }
        if (o.has("blobSource") && path.isElementOf("resourceFiles")) {
            if (o.has("httpUrl")) {
                throw new UnsupportedTemplateException(where + ": " + path.prefix() + "a resource file has both blobSource and"
                        + " httpUrl: keep httpUrl only.");
            }
            o.add("httpUrl", o.remove("blobSource"));
            notes.add(where + ": " + path.prefix() + "blobSource is now called httpUrl: renamed.");
        }
        for (Map.Entry<String, JsonElement> m : o.entrySet()) {
            if (!m.getValue().isJsonPrimitive()) {
                walk(m.getValue(), where, path.field(m.getKey()), notes);
            }
        }
    }

    private static void retiredImage(JsonObject image, String where, BodyPath path) {
        String publisher = str(image, "publisher");
        String offer = str(image, "offer");
        if (publisher.equalsIgnoreCase("batch") && offer.toLowerCase(Locale.ROOT).startsWith("rendering")) {
            throw new UnsupportedTemplateException(where + ": " + path.prefix() + "the image batch/" + offer
                    + " was retired on 29 February 2024: use a custom image with the renderer installed from an Azure Compute"
                    + " Gallery (imageReference.virtualMachineImageId), or a marketplace image (e.g. Canonical"
                    + " 0001-com-ubuntu-server-jammy 22_04-lts) with a start task that installs it.");
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? "" : e.getAsString();
    }

    /**
     * {@link #check} on a template's expanded job and each of its tasks, before it is compiled: legacy names
     * renamed in place, retired features refused. The same rename in every task of a factory is one note
     * ("tasks 0, 1, 2, ... (10000 in all)").
     */
    static java.util.List<String> checkTemplate(com.google.gson.JsonObject job, java.util.List<com.google.gson.JsonObject> tasks) {
        String where = "job " + (job.has("id") ? job.get("id").getAsString() : "");
        java.util.List<String> notes = new java.util.ArrayList<>();
        check(job, where, notes);
        java.util.Map<String, java.util.List<String>> taskNotes = new java.util.LinkedHashMap<>();
        for (com.google.gson.JsonObject t : tasks) {
            String id = t.has("id") ? t.get("id").getAsString() : "(no id)";
            String taskWhere = where + ", task " + id;
            java.util.List<String> found = new java.util.ArrayList<>();
            check(t, taskWhere, found);
            found.forEach(n -> taskNotes.computeIfAbsent(n.substring(taskWhere.length() + 2), k -> new java.util.ArrayList<>()).add(id));
        }
        taskNotes.forEach((note, which) -> notes.add(where + ", task" + (which.size() == 1 ? " " + which.get(0)
                : "s " + String.join(", ", which.subList(0, Math.min(3, which.size()))) + (which.size() > 3 ? ", ..." : "")
                + " (" + which.size() + " in all)") + ": " + note));
        return notes;
    }
}

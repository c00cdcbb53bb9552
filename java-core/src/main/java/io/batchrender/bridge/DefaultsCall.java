package io.batchrender.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.Farms;
import io.batchrender.render.Renderers;
import io.batchrender.storage.FileGroups;
import io.batchrender.submit.SceneUpload;
import io.batchrender.submit.UploadSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the panel would otherwise decide on its own, answered by the core so the panel and the CLI agree: the
 * renderers a scene can be submitted with, a scene's default asset project, the default VM size, and what of a
 * checked scene the Upload button sends.
 */
final class DefaultsCall {

    static final Set<String> DEFAULTS_FIELDS = Set.of("scene", "project");
    static final Set<String> PLAN_FIELDS = Set.of("scene", "project", "assetProject", "assets", "excluded", "extraFiles");

    private final Path cwd;
    private final Farms farms;

    DefaultsCall(Path cwd, Farms farms) {
        this.cwd = cwd;
        this.farms = farms;
    }

    /** {@code {"renderers": [{"sceneName", "name", "label"}...], "vmSize", "assetProject"?}} (the last for a scene). */
    JsonObject defaults(String json) {
        Requests r = Requests.parse(json == null || json.isBlank() ? "{}" : json, "defaults", DEFAULTS_FIELDS);
        JsonObject o = new JsonObject();
        JsonArray renderers = new JsonArray();
        for (Renderers.Supported s : Renderers.supported()) {
            JsonObject x = new JsonObject();
            x.addProperty("sceneName", s.sceneName());
            x.addProperty("name", s.name());
            x.addProperty("label", s.label());
            renderers.add(x);
        }
        o.add("renderers", renderers);
        o.addProperty("vmSize", farms.defaultVmSize());
        r.string("scene").filter(s -> !s.isBlank()).ifPresent(scene -> o.addProperty("assetProject",
                SceneUpload.defaultProjectOf(cwd.resolve(scene).normalize(), project(r))));
        return o;
    }

    /**
     * What the Upload button syncs for a checked scene: {@code {"assetProject", "container", "paths"}}. Request: the
     * scene (none: only the files added by hand, to a named project), its Maya project's root, the asset project if the artist named one, the check's {@code assets} as the
     * scan returned them, and the artist's {@code excluded} and {@code extraFiles}.
     */
    JsonObject plan(String json) {
        Requests r = Requests.parse(json, "upload plan", PLAN_FIELDS);
        Optional<Path> scene = r.string("scene").filter(s -> !s.isBlank()).map(s -> cwd.resolve(s).toAbsolutePath().normalize());
        Optional<Path> project = project(r);
        List<Path> files = new ArrayList<>();
        scene.ifPresent(files::add);
        project.filter(p -> scene.isPresent()).map(p -> p.resolve("workspace.mel")).filter(Files::isRegularFile)
                .ifPresent(files::add);
        Map<String, List<Path>> byReference = new LinkedHashMap<>();
        for (JsonElement e : r.array("assets").orElseGet(JsonArray::new)) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has("path")) {
                throw BridgeException.badRequest("Each of the upload plan's assets must be an object with a \"path\"",
                        "Pass the assets as the scan returned them.");
            }
            JsonObject a = e.getAsJsonObject();
            boolean needed = !(a.has("unloaded") && a.get("unloaded").getAsBoolean());
            if (!needed || !a.has("status") || !"found".equals(a.get("status").getAsString())) {
                continue;
            }
            List<Path> found = new ArrayList<>();
            for (JsonElement f : a.has("files") ? a.getAsJsonArray("files") : new JsonArray()) {
                found.add(cwd.resolve(f.getAsString()).toAbsolutePath().normalize());
            }
            files.addAll(found);
            byReference.merge(a.get("path").getAsString(), found, (x, y) -> {
                List<Path> both = new ArrayList<>(x);
                both.addAll(y);
                return both;
            });
        }
        List<Path> chosen = UploadSelection.apply(files, byReference, r.strings("excluded").orElse(List.of()),
                r.strings("extraFiles").orElse(List.of()), cwd);
        String name = r.string("assetProject").filter(s -> !s.isBlank()).map(String::strip)
                .or(() -> scene.map(s -> SceneUpload.defaultProjectOf(s, project)))
                .orElseThrow(() -> BridgeException.badRequest("No asset project to upload to", "Name the asset project."));
        JsonObject o = new JsonObject();
        o.addProperty("assetProject", name);
        o.addProperty("container", FileGroups.containerName(name));
        JsonArray paths = new JsonArray();
        chosen.forEach(p -> paths.add(p.toString()));
        o.add("paths", paths);
        return o;
    }

    private Optional<Path> project(Requests r) {
        return r.string("project").filter(s -> !s.isBlank()).map(p -> cwd.resolve(p).toAbsolutePath().normalize());
    }
}

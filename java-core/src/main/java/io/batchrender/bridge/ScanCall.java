package io.batchrender.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.json.JsonViews;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.SceneScanner;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scan operation's work: the whole file at every depth, or only the references the host (Maya, Blender) reported. */
final class ScanCall {

    private ScanCall() {
    }

    static JsonElement run(Requests.Scan req, Path scene, Path cwd, Map<String, String> env, OperationContext ctx) {
        if (req.references().isEmpty()) {
            io.batchrender.scene.HostReferences.requireReadable(scene);
            ctx.progress(0, 1, "Reading " + scene.getFileName() + ".");
            Manifest m = new Manifest(ctx);
            SceneManifest.Counts counts = new SceneScanner(req.searchPaths(), cwd, env).scan(scene, m);
            ctx.progress(1, 1, String.format("%,d file(s) named by %,d node(s), %,d missing.", counts.files(),
                    counts.nodeRefs(), counts.missing()));
            return m.json;
        }
        // the references the host reports, one per node: each distinct file resolved once, listed once with its nodes
        SceneManifest m = req.references().get().resolve(scene, req.searchPaths(), cwd, env, (done, total) -> {
            ctx.checkCancelled();
            ctx.progress(done, total, "Resolved " + done + " of " + total + " file(s).");
        });
        JsonArray assets = new JsonArray();
        m.assets().forEach(a -> assets.add(JsonViews.sceneAsset(a)));
        JsonObject o = new JsonObject();
        o.addProperty("scene", scene.toString());
        o.add("assets", assets);
        o.addProperty("missing", m.missing());
        JsonArray plugins = new JsonArray();
        requiredPlugins(scene).forEach(plugins::add);
        o.add("plugins", plugins);
        return o;
    }

    /** The manifest as one JSON object, with a progress report per file resolved; cancellable between files. */
    private static final class Manifest implements SceneManifest.Listener {
        private final OperationContext ctx;
        private final JsonArray assets = new JsonArray();
        JsonObject json;

        Manifest(OperationContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void scene(Path scene, java.util.Optional<Path> project, RenderSettings settings, List<String> plugins,
                java.util.Optional<String> rendererHint) {
            json = JsonViews.sceneHeader(scene, project, settings, plugins, rendererHint);
            json.add("assets", assets);
        }

        @Override
        public void asset(SceneManifest.SceneAsset asset) {
            ctx.checkCancelled();
            assets.add(JsonViews.sceneAsset(asset));
            if (assets.size() % 1000 == 0) {
                ctx.progress(0, 1, String.format("Resolved %,d file(s).", assets.size()));
            }
        }

        @Override
        public void end(List<String> problems, SceneManifest.Counts counts) {
            json.add("problems", JsonViews.strings(problems));
            json.addProperty("missing", counts.missing());
        }
    }

    /**
     * The plug-ins the scene's {@code requires} statements name (the scene alone, not its references); none for a
     * scene not on disk (Maya's references are what the scan has then) and for a scene that is not Maya's (a .blend).
     */
    static Set<String> requiredPlugins(Path scene) {
        return java.nio.file.Files.isRegularFile(scene) && io.batchrender.compile.ScenePreflight.applies(scene)
                ? io.batchrender.scene.maya.RequiredPlugins.of(scene) : new LinkedHashSet<>();
    }
}

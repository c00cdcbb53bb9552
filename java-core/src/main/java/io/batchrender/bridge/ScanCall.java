package io.batchrender.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.assets.AssetReference;
import io.batchrender.assets.AssetResolver;
import io.batchrender.assets.ResolveContext;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.assets.TilingMode;
import io.batchrender.json.JsonViews;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.DistinctFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scan operation's work: the whole file at every depth, or only the references Maya reported. */
final class ScanCall {

    private ScanCall() {
    }

    static JsonElement run(Requests.Scan req, Path scene, Path cwd, Map<String, String> env, OperationContext ctx) {
        if (req.references().isEmpty()) {
            ctx.progress(0, 1, "Reading " + scene.getFileName() + ".");
            Manifest m = new Manifest(ctx);
            SceneManifest.Counts counts = new SceneScanner(req.searchPaths(), cwd, env).scan(scene, m);
            ctx.progress(1, 1, String.format("%,d file(s) named by %,d node(s), %,d missing.", counts.files(),
                    counts.nodeRefs(), counts.missing()));
            return m.json;
        }
        // the references Maya reports, one per node: each distinct file resolved once, listed once with its nodes
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (AssetReference ref : req.references().get()) {
            boolean unloaded = req.unloaded().contains(ref);
            Group g = groups.computeIfAbsent(new Key(ref.nodeType(), ref.path(), ref.tiling(), ref.frameSequence(),
                    unloaded), k -> new Group(ref));
            if (++g.count <= DistinctFiles.NAMES_KEPT) {
                g.nodes.add(ref.node());
            }
        }
        AssetResolver resolver = new AssetResolver(ResolveContext.forScene(scene, req.searchPaths(), cwd, env));
        JsonArray assets = new JsonArray();
        int missing = 0;
        int i = 0;
        for (Map.Entry<Key, Group> e : groups.entrySet()) {
            ctx.checkCancelled();
            Group g = e.getValue();
            ResolvedAsset a = resolver.resolve(g.first);
            boolean unloaded = e.getKey().unloaded();
            // an unloaded reference is listed but not needed: its absence does not stop a render
            missing += a.status() == ResolvedAsset.Status.FOUND || unloaded ? 0 : 1;
            JsonObject ao = JsonViews.asset(a);
            if (unloaded) {
                ao.addProperty("unloaded", true);
            }
            ao.addProperty("nodeCount", g.count);
            ao.add("nodes", JsonViews.strings(g.nodes));
            assets.add(ao);
            i++;
            ctx.progress(i, groups.size(), "Resolved " + i + " of " + groups.size() + " file(s).");
        }
        JsonObject o = new JsonObject();
        o.addProperty("scene", scene.toString());
        o.add("assets", assets);
        o.addProperty("missing", missing);
        JsonArray plugins = new JsonArray();
        requiredPlugins(scene).forEach(plugins::add);
        o.add("plugins", plugins);
        return o;
    }

    /** What resolving a reference depends on, besides the node naming it. */
    private record Key(String nodeType, String path, TilingMode tiling, boolean frameSequence, boolean unloaded) {
    }

    private static final class Group {
        final AssetReference first;
        final List<String> nodes = new ArrayList<>();
        int count;

        Group(AssetReference first) {
            this.first = first;
        }
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
     * scene not on disk (Maya's references are what the scan has then).
     */
    static Set<String> requiredPlugins(Path scene) {
        return java.nio.file.Files.isRegularFile(scene) ? io.batchrender.scene.maya.RequiredPlugins.of(scene)
                : new LinkedHashSet<>();
    }
}

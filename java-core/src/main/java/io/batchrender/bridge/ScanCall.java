package io.batchrender.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.assets.AssetResolver;
import io.batchrender.assets.ResolveContext;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.json.JsonViews;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The scan operation's work: the whole file at every depth, or only the references Maya reported. */
final class ScanCall {

    private ScanCall() {
    }

    static JsonElement run(Requests.Scan req, Path scene, Path cwd, Map<String, String> env, OperationContext ctx) {
        if (req.references().isEmpty()) {
            ctx.progress(0, 1, "Reading " + scene.getFileName() + ".");
            SceneManifest m = new SceneScanner(req.searchPaths(), cwd, env).scan(scene);
            ctx.progress(1, 1, m.assets().size() + " file reference(s), " + m.missing() + " missing.");
            return JsonViews.manifest(m);
        }
        var refs = req.references().get();
        AssetResolver resolver = new AssetResolver(ResolveContext.forScene(scene, req.searchPaths(), cwd, env));
        JsonArray assets = new JsonArray();
        int missing = 0;
        for (int i = 0; i < refs.size(); i++) {
            ctx.checkCancelled();
            ResolvedAsset a = resolver.resolve(refs.get(i));
            boolean unloaded = req.unloaded().contains(refs.get(i));
            // an unloaded reference is listed but not needed: its absence does not stop a render
            missing += a.status() == ResolvedAsset.Status.FOUND || unloaded ? 0 : 1;
            JsonObject ao = JsonViews.asset(a);
            if (unloaded) {
                ao.addProperty("unloaded", true);
            }
            assets.add(ao);
            ctx.progress(i + 1, refs.size(), "Resolved " + (i + 1) + " of " + refs.size() + " reference(s).");
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

    /**
     * The plug-ins the scene's {@code requires} statements name (the scene alone, not its references); none for a
     * scene not on disk (Maya's references are what the scan has then).
     */
    static Set<String> requiredPlugins(Path scene) {
        return java.nio.file.Files.isRegularFile(scene) ? io.batchrender.scene.maya.RequiredPlugins.of(scene)
                : new LinkedHashSet<>();
    }
}

package io.batchrender.scene;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.AssetResolver;
import io.batchrender.assets.MayaCacheFiles;
import io.batchrender.assets.ResolveContext;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.maya.FanOutHandler;
import io.batchrender.scene.maya.MayaAssetCollector;
import io.batchrender.scene.maya.MayaFileReference;
import io.batchrender.scene.maya.MayaRenderSettingsCollector;
import io.batchrender.scene.maya.MayaSceneException;
import io.batchrender.scene.maya.MayaSceneReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Maya scene and the scenes it references, at every depth and each once (a reference
 * cycle ends there), and resolves every file they name. The top scene's render settings are the
 * job's; the referenced scenes contribute their files.
 */
public final class SceneScanner {

    private static final int MAX_SCENES = 10_000;

    private final List<Path> searchPaths;
    private final Path cwd;
    private final Map<String, String> env;

    public SceneScanner(List<Path> searchPaths, Path cwd, Map<String, String> env) {
        this.searchPaths = List.copyOf(searchPaths);
        this.cwd = cwd;
        this.env = Map.copyOf(env);
    }

    /** Scans the scene; throws {@link MayaSceneException} when the top scene cannot be read. */
    public SceneManifest scan(Path scene) {
        Path top = scene.toAbsolutePath().normalize();
        MayaRenderSettingsCollector settings = new MayaRenderSettingsCollector();
        io.batchrender.scene.maya.RequiredPlugins pluginCollector = new io.batchrender.scene.maya.RequiredPlugins();
        Set<String> plugins = pluginCollector.plugins();
        List<SceneManifest.SceneAsset> assets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<Path> visited = new HashSet<>();
        Deque<Path> queue = new ArrayDeque<>();
        queue.add(top);
        visited.add(top);
        boolean first = true;
        Optional<Path> project = Optional.empty();
        while (!queue.isEmpty()) {
            Path current = queue.poll();
            MayaAssetCollector collector = new MayaAssetCollector();
            try {
                MayaSceneReader.read(current, first ? new FanOutHandler(collector, settings, pluginCollector) : collector);
            } catch (MayaSceneException e) {
                if (first) {
                    throw e;
                }
                problems.add(e.getMessage());
                continue;
            } finally {
                first = false;
            }
            ResolveContext context = ResolveContext.forScene(current, searchPaths, cwd, env);
            if (current.equals(top)) {
                project = context.projectRoot();
            }
            AssetResolver resolver = new AssetResolver(context);
            for (AssetReference ref : collector.assets()) {
                assets.add(new SceneManifest.SceneAsset(current, withTexSidecars(resolver.resolve(ref))));
            }
            for (MayaAssetCollector.CacheFileNode cache : collector.caches()) {
                try {
                    for (ResolvedAsset r : MayaCacheFiles.resolve(resolver, cache.node(), cache.cachePath(), cache.cacheName())) {
                        assets.add(new SceneManifest.SceneAsset(current, r));
                    }
                } catch (java.io.IOException e) {
                    problems.add("The cache description of " + cache.node() + " could not be read (" + e.getMessage()
                            + "): its data files are not listed.");
                }
            }
            for (MayaFileReference ref : collector.references()) {
                ResolvedAsset resolved = resolver.resolve(referenceAsset(ref));
                assets.add(new SceneManifest.SceneAsset(current, resolved, ref.deferred()));
                if (!ref.deferred() && resolved.status() == ResolvedAsset.Status.FOUND
                        && isMayaScene(ref, resolved.files().get(0))) {
                    Path next = resolved.files().get(0).toAbsolutePath().normalize();
                    if (visited.size() >= MAX_SCENES) {
                        problems.add("More than " + MAX_SCENES + " referenced scenes: the rest were not read.");
                    } else if (visited.add(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        RenderSettings rendered = settings.settings(
                io.batchrender.scene.maya.MayaImagePaths.sceneName(top.getFileName().toString()));
        return new SceneManifest(top, project, rendered,
                List.copyOf(plugins), assets, problems,
                RendererHint.of(settings.rendererWritten(), rendered.renderer(), List.copyOf(plugins)));
    }

    /**
     * RenderMan reads textures as .tex files made from the image; when one already sits beside
     * the image (txmake's output, {@code name.png.tex}), it travels with it so the node need not make it.
     */
    private static ResolvedAsset withTexSidecars(ResolvedAsset asset) {
        if (asset.status() != ResolvedAsset.Status.FOUND || !TEX_NODE_TYPES.contains(asset.ref().nodeType())) {
            return asset;
        }
        List<Path> files = new ArrayList<>(asset.files());
        for (Path file : asset.files()) {
            Path tex = file.resolveSibling(file.getFileName() + ".tex");
            if (!file.getFileName().toString().endsWith(".tex") && Files.isRegularFile(tex)) {
                files.add(tex);
            }
        }
        return files.size() == asset.files().size() ? asset
                : new ResolvedAsset(asset.ref(), asset.status(), files, asset.foundBy(), asset.problem());
    }

    private static final Set<String> TEX_NODE_TYPES = Set.of("PxrTexture", "file", "PxrNormalMap", "PxrBump");

    /** A reference as an asset; Maya appends {@code {N}} to the path of the N-th copy of the same file. */
    private static AssetReference referenceAsset(MayaFileReference ref) {
        String path = ref.path().replaceFirst("\\{\\d+}$", "");
        String node = ref.referenceNode().or(ref::namespace).orElse("reference");
        return AssetReference.of(node, "reference", "file", path);
    }

    private static boolean isMayaScene(MayaFileReference ref, Path file) {
        Optional<String> type = ref.type();
        if (type.isPresent()) {
            return type.get().equals("mayaAscii") || type.get().equals("mayaBinary");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".ma") || name.endsWith(".mb"));
    }
}

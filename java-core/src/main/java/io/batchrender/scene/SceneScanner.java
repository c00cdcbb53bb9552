package io.batchrender.scene;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.AssetResolver;
import io.batchrender.assets.MayaCacheFiles;
import io.batchrender.assets.ResolveContext;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.maya.FanOutHandler;
import io.batchrender.scene.maya.DistinctFiles;
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
        Collected collected = new Collected();
        scan(scene, collected);
        return collected.manifest();
    }

    /**
     * Scans the scene and hands each distinct file to {@code listener} as soon as it is resolved, keeping none:
     * memory follows the number of distinct files of the scene being read (each resolved once, however many
     * nodes name it), not the number of nodes nor of files already handed on. Throws {@link MayaSceneException}
     * when the top scene cannot be read (before anything is handed on).
     */
    public SceneManifest.Counts scan(Path scene, SceneManifest.Listener listener) {
        Path top = scene.toAbsolutePath().normalize();
        MayaRenderSettingsCollector settings = new MayaRenderSettingsCollector();
        io.batchrender.scene.maya.RequiredPlugins pluginCollector = new io.batchrender.scene.maya.RequiredPlugins();
        List<String> problems = new ArrayList<>();
        Set<Path> visited = new HashSet<>();
        Deque<Path> queue = new ArrayDeque<>();
        queue.add(top);
        visited.add(top);
        boolean first = true;
        Emitter emit = new Emitter(listener);
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
            }
            ResolveContext context = ResolveContext.forScene(current, searchPaths, cwd, env);
            if (first) {
                first = false;
                RenderSettings rendered = settings.settings(
                        io.batchrender.scene.maya.MayaImagePaths.sceneName(top.getFileName().toString()));
                List<String> plugins = List.copyOf(pluginCollector.plugins());
                listener.scene(top, context.projectRoot(), rendered, plugins,
                        RendererHint.of(settings.rendererWritten(), rendered.renderer(), plugins));
            }
            AssetResolver resolver = new AssetResolver(context);
            DistinctFiles groups = collector.distinctFiles();
            for (int i = 0; i < groups.size(); i++) {
                DistinctFiles.DistinctFile g = groups.get(i);
                emit.accept(new SceneManifest.SceneAsset(current, withTexSidecars(resolver.resolve(g.ref())), false,
                        g.nodeCount(), g.firstNodes()));
            }
            for (MayaAssetCollector.CacheFileNode cache : collector.caches()) {
                try {
                    for (ResolvedAsset r : MayaCacheFiles.resolve(resolver, cache.node(), cache.cachePath(), cache.cacheName())) {
                        emit.accept(new SceneManifest.SceneAsset(current, r));
                    }
                } catch (java.io.IOException e) {
                    problems.add("The cache description of " + cache.node() + " could not be read (" + e.getMessage()
                            + "): its data files are not listed.");
                }
            }
            for (MayaFileReference ref : collector.references()) {
                ResolvedAsset resolved = resolver.resolve(referenceAsset(ref));
                emit.accept(new SceneManifest.SceneAsset(current, resolved, ref.deferred()));
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
        SceneManifest.Counts counts = new SceneManifest.Counts(emit.files, emit.nodeRefs, emit.missing);
        listener.end(List.copyOf(problems), counts);
        return counts;
    }

    /** Hands each file on and counts it. */
    private static final class Emitter implements java.util.function.Consumer<SceneManifest.SceneAsset> {
        private final SceneManifest.Listener listener;
        long files;
        long nodeRefs;
        long missing;

        Emitter(SceneManifest.Listener listener) {
            this.listener = listener;
        }

        @Override
        public void accept(SceneManifest.SceneAsset a) {
            files++;
            nodeRefs += a.nodeCount();
            missing += a.missing() ? 1 : 0;
            listener.asset(a);
        }
    }

    /** A listener that keeps everything: the whole manifest, for the callers that need it at once. */
    private static final class Collected implements SceneManifest.Listener {
        private Path scene;
        private Optional<Path> project;
        private RenderSettings settings;
        private List<String> plugins;
        private Optional<String> hint;
        private final List<SceneManifest.SceneAsset> assets = new ArrayList<>();
        private List<String> problems = List.of();

        @Override
        public void scene(Path scene, Optional<Path> project, RenderSettings settings, List<String> plugins,
                Optional<String> rendererHint) {
            this.scene = scene;
            this.project = project;
            this.settings = settings;
            this.plugins = plugins;
            this.hint = rendererHint;
        }

        @Override
        public void asset(SceneManifest.SceneAsset asset) {
            assets.add(asset);
        }

        @Override
        public void end(List<String> problems, SceneManifest.Counts counts) {
            this.problems = problems;
        }

        SceneManifest manifest() {
            return new SceneManifest(scene, project, Optional.of(settings), plugins, assets, problems, hint);
        }
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

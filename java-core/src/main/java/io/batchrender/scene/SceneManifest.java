package io.batchrender.scene;

import io.batchrender.assets.ResolvedAsset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a scene needs to render: its settings and every file it names, at every depth of
 * references, each resolved on this machine.
 *
 * @param scene    the scene file
 * @param project  the Maya project root (the folder holding workspace.mel), when there is one
 * @param settings the render settings the scene file holds; absent when the file was not read (the references a
 *                 host application reported: {@link HostReferences})
 * @param plugins  the plug-ins the scene requires ({@code mtoa}, {@code renderSetup}, ...)
 * @param assets   every distinct file the scenes name, each with the scene and the nodes that name it
 * @param problems scenes that could not be read (a referenced scene that is damaged, a cycle)
 * @param rendererHint a note when the scene relies on Maya's default renderer but requires a renderer plug-in
 */
public record SceneManifest(Path scene, Optional<Path> project, Optional<RenderSettings> settings, List<String> plugins,
                            List<SceneAsset> assets, List<String> problems, Optional<String> rendererHint) {

    /**
     * One file a scene names, resolved once however many nodes name it.
     *
     * @param namedIn   the scene (the top one or a referenced one) that names the file
     * @param asset     the file as written and as found; its reference is named after the first node naming it
     * @param unloaded  a referenced scene Maya does not load (an unloaded reference): listed, but not read, and
     *                  not needed to render
     * @param nodeCount how many nodes name the file (the same path, node type, tiling and frame sequence)
     * @param nodes     the first of them (at most {@link io.batchrender.scene.maya.DistinctFiles#NAMES_KEPT})
     */
    public record SceneAsset(Path namedIn, ResolvedAsset asset, boolean unloaded, int nodeCount, List<String> nodes) {

        public SceneAsset {
            nodes = List.copyOf(nodes);
            if (nodeCount < nodes.size() || nodes.isEmpty()) {
                throw new IllegalArgumentException("a file is named by at least the nodes listed: " + nodeCount);
            }
        }

        /** A file one node names. */
        public SceneAsset(Path namedIn, ResolvedAsset asset, boolean unloaded) {
            this(namedIn, asset, unloaded, 1, List.of(asset.ref().node()));
        }

        public SceneAsset(Path namedIn, ResolvedAsset asset) {
            this(namedIn, asset, false);
        }

        /** Whether rendering needs the file: every asset but an unloaded reference. */
        public boolean needed() {
            return !unloaded;
        }

        /** Whether rendering needs the file and it is missing (or a pattern that matches none). */
        public boolean missing() {
            return needed() && asset.status() != ResolvedAsset.Status.FOUND;
        }
    }

    /**
     * What a streamed scan hands on, in this order: {@link #scene} once, after the top scene is read, then each
     * distinct file as it is resolved, then {@link #end}. Nothing is kept between calls by the scanner.
     */
    public interface Listener {
        void scene(Path scene, Optional<Path> project, RenderSettings settings, List<String> plugins,
                Optional<String> rendererHint);

        void asset(SceneAsset asset);

        /** The scan's end: scenes that could not be read, and the counts. */
        void end(List<String> problems, Counts counts);
    }

    /**
     * @param files        distinct files listed
     * @param nodeRefs     node references to them (a file named by three nodes counts three)
     * @param missing      files rendering needs that are missing
     */
    public record Counts(long files, long nodeRefs, long missing) {
    }

    public SceneManifest {
        plugins = List.copyOf(plugins);
        assets = List.copyOf(assets);
        problems = List.copyOf(problems);
    }

    /** The files rendering needs that are missing (or patterns that match none). */
    public long missing() {
        return assets.stream().filter(SceneAsset::missing).count();
    }
}

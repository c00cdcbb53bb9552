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
 * @param settings the render settings the scene file holds
 * @param plugins  the plug-ins the scene requires ({@code mtoa}, {@code renderSetup}, ...)
 * @param assets   every file reference, each with the scene that names it
 * @param problems scenes that could not be read (a referenced scene that is damaged, a cycle)
 * @param rendererHint a note when the scene relies on Maya's default renderer but requires a renderer plug-in
 */
public record SceneManifest(Path scene, Optional<Path> project, RenderSettings settings, List<String> plugins,
                            List<SceneAsset> assets, List<String> problems, Optional<String> rendererHint) {

    /** A resolved file reference and the scene file that names it. */
    /**
     * @param namedIn  the scene (the top one or a referenced one) that names the file
     * @param asset    the file as written and as found
     * @param unloaded a referenced scene Maya does not load (an unloaded reference): listed, but not read, and
     *                 not needed to render
     */
    public record SceneAsset(Path namedIn, ResolvedAsset asset, boolean unloaded) {

        public SceneAsset(Path namedIn, ResolvedAsset asset) {
            this(namedIn, asset, false);
        }

        /** Whether rendering needs the file: every asset but an unloaded reference. */
        public boolean needed() {
            return !unloaded;
        }
    }

    public SceneManifest {
        plugins = List.copyOf(plugins);
        assets = List.copyOf(assets);
        problems = List.copyOf(problems);
    }

    /** The files rendering needs that are missing (or patterns that match none). */
    public long missing() {
        return assets.stream().filter(a -> a.needed() && a.asset().status() != ResolvedAsset.Status.FOUND).count();
    }
}

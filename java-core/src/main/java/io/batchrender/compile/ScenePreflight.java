package io.batchrender.compile;

import io.batchrender.assets.ResolvedAsset;
import io.batchrender.render.RenderSetupException;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.MayaSceneException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What is checked in a Maya scene before a job exists: every file it needs is found (a texture
 * missing on frame 312 is the most expensive failure there is), and the frames to render when
 * the artist gives none.
 */
public final class ScenePreflight {

    private ScenePreflight() {
    }

    /** True for the scenes this check reads: Maya ASCII and Maya Binary. */
    public static boolean applies(Path scene) {
        String name = scene.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ma") || name.endsWith(".mb");
    }

    /**
     * Scans the scene and refuses it, with a one-line reason, when a file it needs is missing
     * (unless {@code allowMissing}).
     */
    public static SceneManifest check(Path scene, List<Path> searchPaths, Path cwd, Map<String, String> env,
                                      boolean allowMissing) {
        SceneManifest manifest;
        try {
            manifest = new SceneScanner(searchPaths, cwd, env).scan(scene);
        } catch (MayaSceneException e) {
            throw new RenderSetupException(e.getMessage());
        }
        List<ResolvedAsset> missing = manifest.assets().stream().filter(SceneManifest.SceneAsset::needed)
                .map(SceneManifest.SceneAsset::asset)
                .filter(a -> a.status() != ResolvedAsset.Status.FOUND).toList();
        if (!missing.isEmpty() && !allowMissing) {
            ResolvedAsset first = missing.get(0);
            throw new RenderSetupException(missing.size() + " file(s) the scene needs are missing, first "
                    + first.ref().node() + "." + first.ref().attribute() + " = " + first.ref().path()
                    + ": see 'batchrender scan " + scene + "', add --search-path DIR, or pass --allow-missing.");
        }
        return manifest;
    }

    /** The frames to render: the ones given, else the scene's own. */
    public static String frames(Optional<String> given, Optional<SceneManifest> manifest) {
        return given.or(() -> manifest.map(m -> m.settings().frames())).orElseThrow(() -> new RenderSetupException(
                "Say which frames to render with --frames (e.g. 1-100): only Maya scenes carry their own range."));
    }
}

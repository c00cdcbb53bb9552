package io.batchrender.compile;

import io.batchrender.assets.ResolvedAsset;
import io.batchrender.render.RenderSetupException;
import io.batchrender.scene.HostReferences;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.MayaSceneException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What is checked in a scene before a job exists: every file it needs is found (a texture
 * missing on frame 312 is the most expensive failure there is): a Maya scene's by reading it, a .blend's from the
 * references Blender reported; and the frames to render when the artist gives none (a Maya scene's own).
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
     * The scene's files, checked: a Maya scene is scanned; a scene the host application reported the references of
     * (a .blend: the core cannot read it) has those resolved; any other scene has none (a .blend without its
     * references goes alone, as it always did). Refused, with a one-line reason, when a file rendering needs is
     * missing (unless {@code allowMissing}).
     */
    public static Optional<SceneManifest> check(Path scene, Optional<HostReferences> references, List<Path> searchPaths,
                                                Path cwd, Map<String, String> env, boolean allowMissing) {
        if (applies(scene)) {
            if (references.isPresent()) {
                throw new RenderSetupException("A Maya scene's files are read from the scene itself: leave 'references'"
                        + " out of the submit of " + scene.getFileName() + ".");
            }
            return Optional.of(check(scene, searchPaths, cwd, env, allowMissing));
        }
        if (references.isEmpty()) {
            return Optional.empty();
        }
        SceneManifest manifest = references.get().resolve(scene, searchPaths, cwd, env, (done, total) -> { });
        List<ResolvedAsset> missing = missing(manifest);
        if (!missing.isEmpty() && !allowMissing) {
            ResolvedAsset first = missing.get(0);
            throw new RenderSetupException(missing.size() + " file(s) the scene needs are missing, first "
                    + first.ref().nodeType() + " '" + first.ref().node() + "' = " + first.ref().path()
                    + ": relink it in the scene (Blender: File > External Data > Find Missing Files), add a search path"
                    + " (--search-path DIR), or allow missing files (--allow-missing).");
        }
        return Optional.of(manifest);
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
        List<ResolvedAsset> missing = missing(manifest);
        if (!missing.isEmpty() && !allowMissing) {
            ResolvedAsset first = missing.get(0);
            throw new RenderSetupException(missing.size() + " file(s) the scene needs are missing, first "
                    + first.ref().node() + "." + first.ref().attribute() + " = " + first.ref().path()
                    + ": see 'batchrender scan " + scene + "', add --search-path DIR, or pass --allow-missing.");
        }
        return manifest;
    }

    private static List<ResolvedAsset> missing(SceneManifest manifest) {
        return manifest.assets().stream().filter(SceneManifest.SceneAsset::needed)
                .map(SceneManifest.SceneAsset::asset)
                .filter(a -> a.status() != ResolvedAsset.Status.FOUND).toList();
    }

    /** The frames to render: the ones given, else the scene's own. */
    public static String frames(Optional<String> given, Optional<SceneManifest> manifest) {
        return given.or(() -> manifest.flatMap(SceneManifest::settings).map(RenderSettings::frames)).orElseThrow(() -> new RenderSetupException(
                "Say which frames to render with --frames (e.g. 1-100): only Maya scenes carry their own range."));
    }
}

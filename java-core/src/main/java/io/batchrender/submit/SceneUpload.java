package io.batchrender.submit;

import io.batchrender.assets.ResolvedAsset;
import io.batchrender.render.pathmap.PathMap;
import io.batchrender.render.pathmap.PathRule;
import io.batchrender.render.RenderSetupException;
import io.batchrender.scene.SceneManifest;
import io.batchrender.storage.BlobNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What of a scene goes to the cloud and how the node finds it: the files to upload (the scene and,
 * for a Maya scene, every file its scan found that rendering needs) and the path map that turns
 * the paths the scene holds into those files' blob names ({@link BlobNames#forLocalPath}, the
 * name the upload gives them). Pure: no I/O beyond what the scan already did.
 *
 * @param files   the files to upload, the scene first, each once
 * @param pathMap the folder rules for the node, longest first
 */
public record SceneUpload(List<Path> files, List<PathRule> pathMap) {

    private static final Pattern ABSOLUTE = Pattern.compile("^([A-Za-z]:[/\\\\]|[/\\\\]{2}|/).*");

    public SceneUpload {
        files = List.copyOf(files);
        pathMap = List.copyOf(pathMap);
    }

    /**
     * The upload of {@code scene}: the scene alone (Blender and others), or with the files the
     * scan of a Maya scene found. A file the scan found somewhere else than the scene says
     * (a search path, the project's sourceimages) is uploaded where it was found, and the path map
     * sends the scene's path for it there.
     *
     * @throws RenderSetupException when one folder of the scene's would have to map to two blob folders
     */
    public static SceneUpload of(Path scene, Optional<SceneManifest> manifest) {
        Path top = scene.toAbsolutePath().normalize();
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        files.add(top);
        // the artist's path (as the scene spells it) -> the blob of the file found for it
        Map<String, String> blobOf = new LinkedHashMap<>();
        blobOf.put(top.toString(), BlobNames.forLocalPath(top.toString()));
        // the project's workspace.mel: Maya reads its file rules, and Render's -proj maps through its folder
        manifest.flatMap(SceneManifest::project).map(p -> p.toAbsolutePath().normalize().resolve("workspace.mel"))
                .filter(java.nio.file.Files::isRegularFile).ifPresent(ws -> {
                    files.add(ws);
                    blobOf.putIfAbsent(ws.toString(), BlobNames.forLocalPath(ws.toString()));
                });
        for (SceneManifest.SceneAsset a : manifest.map(SceneManifest::assets).orElse(List.of())) {
            ResolvedAsset r = a.asset();
            if (!a.needed() || r.status() != ResolvedAsset.Status.FOUND) {
                continue;
            }
            String written = r.ref().path();
            for (Path f : r.files()) {
                Path found = f.toAbsolutePath().normalize();
                files.add(found);
                String blob = BlobNames.forLocalPath(found.toString());
                blobOf.putIfAbsent(found.toString(), blob);
                if (ABSOLUTE.matcher(written).matches() && !written.contains("$") && !written.contains("%")) {
                    String dir = folderOf(written);
                    if (!dir.contains("<")) {
                        blobOf.putIfAbsent(dir + "/" + found.getFileName(), blob);
                    }
                }
            }
        }
        List<PathRule> rules;
        try {
            rules = PathMap.rules(new ArrayList<>(blobOf.keySet()), blobOf::get);
        } catch (IllegalArgumentException e) {
            throw new RenderSetupException("The scene's files cannot be mapped onto the render nodes: " + e.getMessage()
                    + " Give the files one folder each, or collect them with 'batchrender scan'.");
        }
        return new SceneUpload(new ArrayList<>(files), rules);
    }

    /**
     * The asset project a scene goes to when none is named: the Maya project's folder name, else
     * the scene's name, made a valid project name (lower case; anything but letters, digits, - and _ becomes -).
     */
    public static String defaultProject(Path scene, Optional<SceneManifest> manifest) {
        return defaultProjectOf(scene, manifest.flatMap(SceneManifest::project));
    }

    /** As {@link #defaultProject(Path, Optional)} for a scene in the Maya project {@code mayaProject} (its root folder). */
    public static String defaultProjectOf(Path scene, Optional<Path> mayaProject) {
        String name = mayaProject.map(Path::getFileName).map(Path::toString)
                .orElseGet(() -> {
                    String file = scene.getFileName().toString();
                    int dot = file.lastIndexOf('.');
                    return dot > 0 ? file.substring(0, dot) : file;
                });
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|[-_]+$", "");
        return clean.isEmpty() ? "scene" : clean;
    }

    private static String folderOf(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? p.substring(0, slash + 1) : p.substring(0, slash);
    }
}

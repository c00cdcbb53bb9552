package io.batchrender.scene;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.AssetResolver;
import io.batchrender.assets.ResolveContext;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.assets.TilingMode;
import io.batchrender.scene.maya.DistinctFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file references the host application reports for its open scene, instead of the core reading the
 * file: Maya's ({@code file -q -l}, the nodes' attributes) for a quick check, Blender's (the data-blocks'
 * {@code filepath}: images, libraries, caches, sounds, volumes, fonts, movie clips, each made absolute by
 * Blender, {@code bpy.path.abspath(path, library=block.library)}), which the core cannot read at all.
 * Resolved as the scanner resolves what it reads ({@link AssetResolver}, the scene's folder and the search
 * paths), each distinct file once however many nodes name it, into the same {@link SceneManifest} (with no
 * render settings: the file was not read), so the missing-file check, the upload and the path map are the
 * ones a Maya scene gets.
 *
 * @param references what the host reports, one per node (data-block) and attribute
 * @param unloaded   those that are scene references the host does not load (listed, not needed to render)
 */
public record HostReferences(List<AssetReference> references, Set<AssetReference> unloaded) {

    public HostReferences {
        references = List.copyOf(references);
        unloaded = Set.copyOf(unloaded);
    }

    /** Called after each distinct file is resolved; may throw to stop (a cancelled operation). */
    @FunctionalInterface
    public interface Progress {
        void resolved(int done, int total);
    }

    /** Resolves every distinct file for {@code scene}; the manifest's problems are empty, its settings absent. */
    public SceneManifest resolve(Path scene, List<Path> searchPaths, Path cwd, Map<String, String> env, Progress progress) {
        Path top = cwd.toAbsolutePath().resolve(scene).normalize();
        if (isBlend(top)) {
            references.stream().filter(r -> r.path().startsWith("//")).findFirst().ifPresent(r -> {
                // Blender's "//" is "relative to the .blend holding the data-block", which may be a library: only
                // Blender knows which (a UNC path is spelled \\server\share there)
                throw new IllegalArgumentException(r.nodeType() + " '" + r.node() + "' names " + r.path()
                        + ", relative to a .blend: send the path absolute, as Blender resolves it"
                        + " (bpy.path.abspath(path, library=block.library)).");
            });
        }
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (AssetReference ref : references) {
            boolean off = unloaded.contains(ref);
            Group g = groups.computeIfAbsent(new Key(ref.nodeType(), ref.path(), ref.tiling(), ref.frameSequence(), off),
                    k -> new Group(ref, off));
            if (++g.count <= DistinctFiles.NAMES_KEPT) {
                g.nodes.add(ref.node());
            }
        }
        ResolveContext context = ResolveContext.forScene(top, searchPaths, cwd, env);
        AssetResolver resolver = new AssetResolver(context);
        List<SceneManifest.SceneAsset> assets = new ArrayList<>(groups.size());
        int done = 0;
        for (Group g : groups.values()) {
            ResolvedAsset a = resolver.resolve(g.first);
            assets.add(new SceneManifest.SceneAsset(top, a, g.unloaded, g.count, g.nodes));
            progress.resolved(++done, groups.size());
        }
        // a Maya project's workspace.mel travels with a Maya scene; a .blend above one has nothing to do with it
        Optional<Path> project = isMaya(top) ? context.projectRoot() : Optional.empty();
        return new SceneManifest(top, project, Optional.empty(), List.of(), assets, List.of(), Optional.empty());
    }

    /**
     * Refuses, in one line, to scan a scene only its application can read (a .blend) without the references it
     * reported; does nothing for any other scene.
     */
    public static void requireReadable(Path scene) {
        if (isBlend(scene)) {
            throw new IllegalArgumentException("The core cannot read a .blend (" + scene.getFileName() + "): give the files"
                    + " Blender reports for it as references (the Blender add-on's check does; the CLI: --references FILE,"
                    + " a JSON list [{\"node\", \"nodeType\", \"attribute\", \"path\"}...]).");
        }
    }

    private static boolean isBlend(Path scene) {
        return scene.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".blend");
    }

    private static boolean isMaya(Path scene) {
        String name = scene.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ma") || name.endsWith(".mb");
    }

    /** What resolving a reference depends on, besides the node naming it. */
    private record Key(String nodeType, String path, TilingMode tiling, boolean frameSequence, boolean unloaded) {
    }

    private static final class Group {
        final AssetReference first;
        final boolean unloaded;
        final List<String> nodes = new ArrayList<>();
        int count;

        Group(AssetReference first, boolean unloaded) {
            this.first = first;
            this.unloaded = unloaded;
        }
    }
}

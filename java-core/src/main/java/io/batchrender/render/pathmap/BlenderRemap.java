package io.batchrender.render.pathmap;

import java.util.List;

/**
 * A Python script for {@code blender -b scene.blend --python remap.py}: it rewrites the file
 * paths of images, libraries, sounds, movie clips, fonts, volumes and caches from the artist's
 * folders to the node's asset folder before the render starts. Libraries go first and are reloaded
 * from their new place (a file opened with a missing library has only placeholders of what it
 * links); a linked data-block's {@code //} path is relative to its library, as Blender reads it.
 */
public final class BlenderRemap {

    private BlenderRemap() {
    }

    /** @param nodeAssetDir the node's asset folder; a leading {@code $NAME} is read from the node's environment */
    public static String script(List<PathRule> rules, String nodeAssetDir) {
        StringBuilder py = new StringBuilder("# batchrender path map: the artist's folders -> this node's asset folder\n");
        py.append("import os\nimport bpy\n\n");
        py.append("ASSETS = os.path.expandvars(").append(literal(PathMap.slashes(nodeAssetDir))).append(")\n");
        py.append("RULES = [\n");
        for (PathRule r : rules) {
            py.append("    (").append(literal(r.localDir())).append(", ").append(literal(r.nodeSubdir())).append(", ")
                    .append(PathMap.isWindows(r.localDir()) ? "True" : "False").append("),\n");
        }
        py.append("]\n\n");
        py.append("""
                def remap(path, library=None):
                    # "//" starts a path relative to the .blend that holds the data-block: the library's for a linked one;
                    # a UNC path is spelled \\\\server\\share
                    p = (bpy.path.abspath(path, library=library) if path.startswith("//") else path).replace("\\\\", "/")
                    for src, dst, nocase in RULES:
                        prefix = src if src.endswith("/") else src + "/"
                        if (p.lower().startswith(prefix.lower()) if nocase else p.startswith(prefix)):
                            rest = p[len(prefix):]
                            return "/".join(x for x in (ASSETS.rstrip("/"), dst, rest) if x)
                    return None


                # libraries first, each reloaded from its new place: what they link (and their own images, sounds,
                # libraries) only exists once they are read; a library they link appears with the artist's path, so
                # passes go on until no library maps (a mapped path is the node's, which no rule maps again)
                for _ in range(16):
                    moved = False
                    for name in [lib.name for lib in bpy.data.libraries]:
                        lib = bpy.data.libraries.get(name)
                        old = lib.filepath if lib else ""
                        new = remap(old, lib.parent) if old else None
                        if new:
                            lib.filepath = new
                            lib.reload()
                            moved = True
                            print("batchrender: path map:", old, "->", new, flush=True)
                    if not moved:
                        break

                for datablocks in (bpy.data.images, bpy.data.sounds, bpy.data.movieclips,
                                   bpy.data.fonts, bpy.data.volumes, bpy.data.cache_files):
                    for block in datablocks:
                        old = getattr(block, "filepath", "")
                        if old and not old.startswith("<"):
                            new = remap(old, block.library)
                            if new:
                                block.filepath = new
                                print("batchrender: path map:", old, "->", new, flush=True)
                """);
        return py.toString();
    }

    private static String literal(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package io.batchrender.scene;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-node-heavy scenes of issue 18, built from a real scene: used small by the tests and full size by
 * {@code bench/scan_throughput.sh} (through {@link #main}), so both measure the same construction.
 *
 * <ul>
 * <li>{@link #showcase}: maya-usd's {@code OpenPBRShowcase.ma} (Apache-2.0, in {@code ../shared/testdata}) with its
 * node blocks (from the first node that is not a default camera, {@code locator1}, to the first {@code select -ne})
 * repeated, every {@code -n}/{@code -p} name of copy K given the suffix {@code _cK} (copy 0 keeps the names, so
 * the file's own {@code connectAttr}s still hold). Each copy has the scene's nine {@code file} nodes, naming
 * three textures ({@code textures/grid.png} twice, {@code textures/Mono.png} six times,
 * {@code textures/normalSpiral.png} once): 8,250 copies make 74,250 file nodes and about 600 MB.</li>
 * <li>{@link #udimLibrary}: an asset library's UDIM tiles, each tile named by its own {@code file} node (written as
 * the showcase writes its file nodes) with an absolute path, {@code assets} assets of {@code tiles} tiles each
 * ({@code library/asset00042/asset00042_baseColor.1013.exr}): 20,000 x 10 make 200,000 distinct paths. The tiles
 * are created (empty) when asked.</li>
 * </ul>
 */
public final class FileNodeScenes {

    /** Where the showcase is, under {@code ../shared/testdata}. */
    public static final String SHOWCASE = "maya/maya-usd/test/testSamples/MaterialX/OpenPBRShowcase.ma";

    private static final Pattern NAME = Pattern.compile("(-[np] \")([^\"]+)(\")");

    private FileNodeScenes() {
    }

    /** The showcase's three parts: before its node blocks, the blocks, after them. */
    record Parts(String head, String body, String tail) {
        static Parts of(Path showcase) throws IOException {
            List<String> lines = Files.readAllLines(showcase, StandardCharsets.UTF_8);
            int first = -1;
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (first < 0 && l.startsWith("createNode ") && !l.contains(" -s ")) {
                    first = i;
                }
                if (first >= 0 && l.startsWith("select -ne ")) {
                    last = i;
                    break;
                }
            }
            if (first < 0 || last < 0) {
                throw new IOException(showcase + " does not have the layout of OpenPBRShowcase.ma");
            }
            return new Parts(join(lines.subList(0, first)), join(lines.subList(first, last)),
                    join(lines.subList(last, lines.size())));
        }

        private static String join(List<String> lines) {
            return String.join("\n", lines) + "\n";
        }
    }

    /** Writes the showcase with its node blocks {@code copies} times into {@code out}. */
    public static Path showcase(Path showcase, Path out, int copies) throws IOException {
        return showcase(showcase, out, copies, true);
    }

    /**
     * As above; without {@code fileNodes}, the copies' {@code file} nodes are written as {@code checker} nodes
     * (a 2D texture that names no file), the rest byte for byte the same: the baseline of the same size and
     * structure with few file nodes (the first copy's nine).
     */
    public static Path showcase(Path showcase, Path out, int copies, boolean fileNodes) throws IOException {
        Parts parts = Parts.of(showcase);
        String copyBody = fileNodes ? parts.body() : parts.body().replace("createNode file -n", "createNode checker -n");
        // the body split at every name, so that a copy is the pieces joined with the suffix after each name
        Matcher m = NAME.matcher(copyBody);
        java.util.List<String> pieces = new java.util.ArrayList<>();
        int at = 0;
        while (m.find()) {
            pieces.add(copyBody.substring(at, m.end(2)));
            at = m.end(2);
        }
        String rest = copyBody.substring(at);
        try (Writer w = writer(out)) {
            w.write(parts.head());
            w.write(parts.body());
            for (int c = 1; c < copies; c++) {
                String suffix = "_c" + c;
                for (String piece : pieces) {
                    w.write(piece);
                    w.write(suffix);
                }
                w.write(rest);
            }
            w.write(parts.tail());
        }
        return out;
    }

    /** The path of a tile of the library under {@code root}. */
    public static Path tile(Path root, int asset, int tile) {
        String name = String.format("asset%05d", asset);
        return root.resolve("library").resolve(name).resolve(name + "_baseColor." + (1001 + tile) + ".exr");
    }

    /** Writes {@code root/library.ma}, naming {@code assets x tiles} tiles under {@code root/library}. */
    public static Path udimLibrary(Path showcase, Path root, int assets, int tiles, boolean createTiles) throws IOException {
        Parts parts = Parts.of(showcase);
        Path scene = Files.createDirectories(root).resolve("library.ma");
        try (Writer w = writer(scene)) {
            w.write(parts.head());
            for (int a = 0; a < assets; a++) {
                for (int t = 0; t < tiles; t++) {
                    Path tile = tile(root, a, t);
                    if (createTiles) {
                        Files.createDirectories(tile.getParent());
                        Files.write(tile, new byte[0]);
                    }
                    String node = String.format("asset%05d_%d", a, 1001 + t);
                    w.write("createNode file -n \"" + node + "\";\n"
                            + "\tsetAttr \".ftn\" -type \"string\" \"" + tile.toString().replace('\\', '/') + "\";\n"
                            + "\tsetAttr \".ft\" 0;\n"
                            + "\tsetAttr \".cs\" -type \"string\" \"sRGB\";\n"
                            + "createNode place2dTexture -n \"place2dTexture_" + node + "\";\n");
                }
            }
            w.write(parts.tail());
        }
        return scene;
    }

    private static Writer writer(Path out) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 20);
    }

    /**
     * {@code showcase SHOWCASE OUT COPIES}, {@code showcase-few-file-nodes SHOWCASE OUT COPIES} or {@code library SHOWCASE ROOT ASSETS TILES}: writes the scene and
     * prints its path.
     */
    public static void main(String[] args) throws IOException {
        Path showcase = Path.of(args[1]);
        Path scene = switch (args[0]) {
            case "showcase" -> showcase(showcase, Path.of(args[2]), Integer.parseInt(args[3]), true);
            case "showcase-few-file-nodes" -> showcase(showcase, Path.of(args[2]), Integer.parseInt(args[3]), false);
            case "library" -> udimLibrary(showcase, Files.createDirectories(Path.of(args[2])), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), true);
            default -> throw new IllegalArgumentException("showcase or library, not " + args[0]);
        };
        System.out.println(scene);
    }
}

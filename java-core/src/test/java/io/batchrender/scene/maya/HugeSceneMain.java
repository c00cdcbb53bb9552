package io.batchrender.scene.maya;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Run in a child JVM with a small heap by {@link ReadLimitsInChildJvmTest}: writes a huge scene in a streaming
 * way, reads it with {@link MayaSceneReader}, and says how it went.
 *
 * <p>Arguments: mode, folder (and for {@code large-valid}: the .ma whose nodes to repeat, and how many times).
 * Exit 0 and {@code ok ...} when the scene was read; 2 and the message for a {@link MayaSceneException};
 * 4 for an {@link OutOfMemoryError}.
 */
public final class HugeSceneMain {

    private static final long HUNDRED_MB = 100L << 20;

    private HugeSceneMain() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        if (args[0].equals("huge-mesh")) {
            scanHugeMesh(dir);
            return;
        }
        Path scene;
        try {
            scene = switch (args[0]) {
                case "long-string" -> asciiWithout(dir, "createNode script -n \"s\";\n\tsetAttr \".b\" -type \"string\" \"");
                case "long-word" -> asciiWithout(dir, "");
                case "binary-string" -> binaryString(dir);
                case "large-valid" -> largeValid(dir, Path.of(args[2]), Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException(args[0]);
            };
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError while writing the scene");
            System.exit(5);
            return;
        }
        int[] counts = new int[3];
        try {
            MayaSceneReader.read(scene, new MayaSceneHandler() {
                @Override
                public void createNode(String type, String name, Optional<String> parent) {
                    counts[0]++;
                }

                @Override
                public void connectAttr(String source, String destination) {
                    counts[1]++;
                }

                @Override
                public void fileReference(MayaFileReference reference) {
                    counts[2]++;
                }
            });
        } catch (MayaSceneException e) {
            System.out.println("MayaSceneException: " + e.getMessage());
            System.exit(2);
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError");
            System.exit(4);
        }
        System.out.println("ok size=" + Files.size(scene) + " createNode=" + counts[0] + " connectAttr=" + counts[1]
                + " fileReference=" + counts[2] + " maxMemory=" + Runtime.getRuntime().maxMemory());
    }

    /**
     * A mesh whose vertex list is one 100 MB setAttr, then its Arnold proxy ({@code .dso}), scanned by the real
     * scanner: prints {@code ok} and the references found, or the error.
     */
    private static void scanHugeMesh(Path dir) throws IOException {
        Path p = dir.resolve("mesh.ma");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            long vertices = HUNDRED_MB / 40;
            out.write(("//Maya ASCII 2023 scene\n//Codeset: UTF-8\nrequires maya \"2023\";\n"
                    + "createNode transform -n \"rock\";\ncreateNode mesh -n \"rockShape\" -p \"rock\";\n"
                    + "\tsetAttr -k off \".v\";\n\tsetAttr -s " + vertices + " \".vt[0:" + (vertices - 1) + "]\"")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] row = " 0.123456 -1.234567 2.3456789\n\t\t".getBytes(StandardCharsets.US_ASCII);
            for (long i = 0; i < vertices; i++) {
                out.write(row);
            }
            out.write(";\n\tsetAttr \".dso\" -type \"string\" \"rock.ass\";\n".getBytes(StandardCharsets.US_ASCII));
        }
        try {
            var manifest = new io.batchrender.scene.SceneScanner(java.util.List.of(), dir, java.util.Map.of()).scan(p);
            StringBuilder found = new StringBuilder();
            manifest.assets().forEach(a -> found.append(' ').append(a.asset().ref().node()).append('.')
                    .append(a.asset().ref().attribute()).append('=').append(a.asset().ref().path()));
            System.out.println("ok size=" + Files.size(p) + found);
        } catch (MayaSceneException e) {
            System.out.println("MayaSceneException: " + e.getMessage());
            System.exit(2);
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError");
            System.exit(4);
        }
    }

    /** A Maya ASCII header, {@code prefix}, then 100 MB of x: no ';', no newline, no closing quote. */
    private static Path asciiWithout(Path dir, String prefix) throws IOException {
        Path p = dir.resolve("huge.ma");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            out.write(("//Maya ASCII 2023 scene\n//Codeset: UTF-8\n" + prefix).getBytes(StandardCharsets.UTF_8));
            writeX(out, HUNDRED_MB);
        }
        return p;
    }

    /** A well-formed Maya Binary scene whose one file node has a 100 MB string attribute. */
    private static Path binaryString(Path dir) throws IOException {
        Path p = dir.resolve("huge.mb");
        byte[] name = "ftn\0 ".getBytes(StandardCharsets.ISO_8859_1);
        long str = name.length + HUNDRED_MB + 1;
        long rtft = 4 + 16 + str;
        ByteBuffer head = ByteBuffer.allocate(64);
        head.put(ascii("FOR8")).putInt(0).putLong(4 + 16 + rtft).put(ascii("Maya"));
        head.put(ascii("FOR8")).putInt(0).putLong(rtft).put(ascii("RTFT"));
        head.put(ascii("STR ")).putInt(0).putLong(str).put(name);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            out.write(head.array(), 0, head.position());
            writeX(out, HUNDRED_MB);
            out.write(0);
        }
        return p;
    }

    /** cube.ma's header, then its nodes, settings and connections {@code copies} times. */
    private static Path largeValid(Path dir, Path source, int copies) throws IOException {
        String text = Files.readString(source, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\ncreateNode ") + 1;
        int end = text.indexOf("\n// End of ") + 1;
        Path p = dir.resolve("large.ma");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            out.write(text.substring(0, body).getBytes(StandardCharsets.ISO_8859_1));
            byte[] nodes = text.substring(body, end).getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < copies; i++) {
                out.write(nodes);
            }
            out.write(text.substring(end).getBytes(StandardCharsets.ISO_8859_1));
        }
        return p;
    }

    private static void writeX(OutputStream out, long n) throws IOException {
        byte[] x = new byte[1 << 16];
        Arrays.fill(x, (byte) 'x');
        for (long left = n; left > 0; left -= x.length) {
            out.write(x, 0, (int) Math.min(x.length, left));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

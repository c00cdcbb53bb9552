package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big scene read in chunks indexed on several threads gives exactly the events, in the same order, and the same
 * errors with the same line numbers, as the same bytes read as a stream on one thread; a wrong guess of a chunk's
 * start changes nothing. Most tests cut small files into many small chunks (the code is the same as for 8 MB chunks
 * of a big file), so that chunk starts fall on every kind of place the real scene has.
 */
class ChunkedIndexTest {

    @TempDir
    static Path tmp;

    static byte[] head;
    static byte[] body;
    static byte[] tail;

    /** The real cube scene cut in three: header, node blocks (repeated to make a big scene), the rest. */
    @BeforeAll
    static void cutTheRealScene() throws IOException {
        String text = Files.readString(MayaTestData.maya(MayaTestData.DEADLINE + "cube/scene/cube.ma"),
                StandardCharsets.ISO_8859_1);
        int first = text.indexOf("\ncreateNode ") + 1;
        int last = text.indexOf("\nselect -ne ") + 1;
        head = text.substring(0, first).getBytes(StandardCharsets.ISO_8859_1);
        body = text.substring(first, last).getBytes(StandardCharsets.ISO_8859_1);
        tail = text.substring(last).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes head, {@code copies} bodies, {@code middle}, {@code copies} bodies, tail. */
    static Path scene(String name, int copies, byte[] middle) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            for (int i = 0; i < copies; i++) {
                out.write(body);
            }
            out.write(middle);
            for (int i = 0; i < copies; i++) {
                out.write(body);
            }
            out.write(tail);
        }
        return file;
    }

    /** Writes head, {@code copies} bodies with {@code body} in place of the real one, tail. */
    static Path scene(String name, int copies, byte[] head, byte[] body, byte[] tail) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            for (int i = 0; i < copies; i++) {
                out.write(body);
            }
            out.write(tail);
        }
        return file;
    }

    static int copiesFor(long bytes) {
        return (int) (bytes / 2 / body.length) + 1;
    }

    /** Every event as a line, folded into a digest; attributes wanted on cameras and file nodes only. */
    static final class Digest implements MayaSceneHandler {
        private final MessageDigest sha;
        int events;
        boolean sawFake;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private void add(String event) {
            sha.update((event + "\n").getBytes(StandardCharsets.UTF_8));
            events++;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest()) + " after " + events + " events";
        }

        @Override
        public void createNode(String type, String name, Optional<String> parent) {
            sawFake |= type.equals("fake");
            add("createNode " + type + " " + name + " " + parent);
        }

        @Override
        public void select(String node) {
            add("select " + node);
        }

        @Override
        public boolean wantsAttributes(Optional<String> nodeType, String node) {
            return nodeType.map(t -> t.equals("camera") || t.equals("file")).orElse(node.startsWith("default"));
        }

        @Override
        public void setAttr(MayaSetAttr attr) {
            add("setAttr " + attr);
        }

        @Override
        public void connectAttr(String source, String destination) {
            add("connectAttr " + source + " " + destination);
        }

        @Override
        public void requires(String plugin, String version) {
            add("requires " + plugin + " " + version);
        }

        @Override
        public void fileReference(MayaFileReference reference) {
            add("file " + reference);
        }
    }

    /** The events (or the error) of reading in chunks, and of the same bytes read as a stream on one thread. */
    record Both(String chunked, String single) {
    }

    /** Reads {@code file} in chunks of {@code chunk} bytes (whatever its size), and as a stream. */
    static Both read(Path file, int chunk) throws IOException {
        return new Both(outcome(() -> {
            Digest d = new Digest();
            new MayaAsciiReader(1 << 20, 0, chunk).read(file, d);
            return d;
        }), outcome(() -> {
            Digest d = new Digest();
            try (InputStream in = Files.newInputStream(file)) {
                new MayaAsciiReader(1 << 20).read(in, file.toString(), d);
            }
            return d;
        }));
    }

    interface Read {
        Digest run() throws IOException;
    }

    static String outcome(Read read) throws IOException {
        try {
            return read.run().hex();
        } catch (MayaSceneException e) {
            return "error: " + e.getMessage();
        }
    }

    /** The chunk starts {@code chunk} gives, checked to be many and each at a {@code createNode} line. */
    static long[] starts(Path file, int chunk, int atLeast) throws IOException {
        long[] starts = ChunkedIndex.chunkStarts(file, Files.size(file), 0, chunk);
        assertTrue(starts.length >= atLeast, "only " + starts.length + " chunks: the test would not test chunks");
        byte[] bytes = Files.readAllBytes(file);
        for (int k = 1; k < starts.length; k++) {
            assertTrue(starts[k] > starts[k - 1], "chunk starts increase");
            assertEquals("\ncreateNode ", new String(bytes, (int) starts[k] - 1, 12, StandardCharsets.ISO_8859_1));
        }
        return starts;
    }

    @Test
    void aBigSceneReadsTheSameInChunksOfTheRealSize() throws IOException {
        Path file = scene("big.ma", copiesFor(ChunkedIndex.MIN_SIZE + (4 << 20)), new byte[0]);
        starts(file, ChunkedIndex.CHUNK, 4);
        Digest chunked = new Digest();
        new MayaAsciiReader().read(file, chunked);
        Both both = read(file, ChunkedIndex.CHUNK);
        assertFalse(both.single().startsWith("error"), both.single());
        assertEquals(both.single(), chunked.hex());
        assertEquals(both.single(), both.chunked());
    }

    @Test
    void manySmallChunksReadTheSame() throws IOException {
        Path file = scene("small.ma", 40, new byte[0]);
        for (int chunk : new int[] {4 << 10, 16 << 10, 61 << 10, 256 << 10}) {
            starts(file, chunk, 10);
            Both both = read(file, chunk);
            assertFalse(both.single().startsWith("error"), both.single());
            assertEquals(both.single(), both.chunked(), "chunks of " + chunk);
        }
    }

    @Test
    void eachChunkIsIndexedToTheNextChunksStart() throws IOException {
        Path file = scene("indexed.ma", 40, new byte[0]);
        int chunk = 32 << 10;
        long[] starts = starts(file, chunk, 20);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            MayaAsciiByteScanner scanner = new MayaAsciiByteScanner(java.nio.channels.Channels.newInputStream(channel),
                    StandardCharsets.UTF_8, file.toString(), 1 << 20, 0);
            for (int k = 0; k < starts.length; k++) {
                long end = k + 1 < starts.length ? starts[k + 1] : Files.size(file);
                channel.position(starts[k]);
                scanner.restart(starts[k]);
                StatementIndex index = new StatementIndex(ChunkedIndex.CAPACITY);
                scanner.index(index, () -> false, k + 1 < starts.length ? end : Long.MAX_VALUE);
                assertEquals(end, starts[k] + index.end(), "chunk " + k + " indexed up to the next one");
                assertTrue(index.count() > 0, "chunk " + k + " indexed " + index.count());
                for (int i = 0; i < index.count(); i++) {
                    int at = (int) (starts[k] + index.offset(i));
                    String command = text.substring(at, at + 12);
                    assertEquals(index.isSetAttr(i), command.startsWith("setAttr"), command);
                    assertTrue(command.startsWith("setAttr") || command.startsWith("createNode")
                            || command.startsWith("connectAttr") || command.startsWith("select")
                            || command.startsWith("file") || command.startsWith("requires")
                            || command.startsWith("fileInfo"), "a command the reader knows: " + command);
                }
            }
        }
    }

    @Test
    void aFullIndexHandsTheRestOfItsChunkBackToTheReader() throws IOException {
        Path file = scene("full.ma", 40, new byte[0]);
        int chunk = 64 << 10;
        Digest chunked = new Digest();
        try (InputStream in = Files.newInputStream(file);
                ChunkedIndex chunks = ChunkedIndex.start(file, Files.size(file), 0, StandardCharsets.UTF_8,
                        file.toString(), 1 << 20, 0, chunk, 7).orElseThrow()) {
            new MayaAsciiByteScanner(in, StandardCharsets.UTF_8, file.toString(), 1 << 20, 0)
                    .run(new MayaAsciiCommands(chunked), chunks);
        }
        assertEquals(read(file, chunk).single(), chunked.hex());
    }

    @Test
    void aWrongGuessOfAChunksStartIsThrownAway() throws IOException {
        // a string with raw line breaks, one of which starts with 'createNode ', where a chunk starts
        ByteArrayOutputStream trick = new ByteArrayOutputStream();
        trick.writeBytes("createNode script -n \"trick\";\n\tsetAttr \".b\" -type \"string\" \"".getBytes(StandardCharsets.US_ASCII));
        byte[] filler = "filler line of a script, written by hand\n".getBytes(StandardCharsets.US_ASCII);
        while (trick.size() < (200 << 10)) {
            trick.writeBytes(filler);
        }
        for (int i = 0; i < 20; i++) {
            trick.writeBytes("createNode fake -n \"notANode\";\n".getBytes(StandardCharsets.US_ASCII));
            for (int j = 0; j < 200; j++) {
                trick.writeBytes(filler);
            }
        }
        trick.writeBytes("\";\n".getBytes(StandardCharsets.US_ASCII));
        Path file = scene("trick.ma", 10, trick.toByteArray());
        int chunk = 16 << 10;
        long stringStart = head.length + 10L * body.length;
        long stringEnd = stringStart + trick.size();
        long[] starts = starts(file, chunk, 20);
        assertTrue(java.util.Arrays.stream(starts).filter(s -> s > stringStart && s < stringEnd).count() >= 5,
                "chunks start inside the string");

        Both both = read(file, chunk);
        assertFalse(both.single().startsWith("error"), both.single());
        assertEquals(both.single(), both.chunked());
        Digest d = new Digest();
        new MayaAsciiReader(1 << 20, 0, chunk).read(file, d);
        assertFalse(d.sawFake, "a createNode inside a string is no node");
    }

    @Test
    void aFileCutInALaterChunkFailsTheSameWayWithTheSameLine() throws IOException {
        Path whole = scene("whole.ma", 40, new byte[0]);
        byte[] bytes = Files.readAllBytes(whole);
        // cut inside a statement three quarters in
        int cut = (int) (bytes.length * 0.75);
        while (bytes[cut] != ';') {
            cut++;
        }
        Path file = tmp.resolve("cut.ma");
        Files.write(file, java.util.Arrays.copyOf(bytes, cut - 3));
        Both both = read(file, 16 << 10);
        assertTrue(both.single().startsWith("error: "), both.single());
        assertTrue(both.single().contains(" line "), both.single());
        assertEquals(both.single(), both.chunked());
    }

    @Test
    void aStatementTooLongInALaterChunkFailsTheSameWayWithTheSameLine() throws IOException {
        // a texture path longer than the reader's limit, in a node block someone reads, in the middle
        String longBody = "createNode file -n \"tooLong\";\n\tsetAttr \".ftn\" -type \"string\" \""
                + "x".repeat(300 << 10) + "\";\n";
        Path file = scene("long.ma", 30, longBody.getBytes(StandardCharsets.US_ASCII));
        Both both = new Both(outcome(() -> {
            Digest d = new Digest();
            new MayaAsciiReader(100 << 10, 0, 16 << 10).read(file, d);
            return d;
        }), outcome(() -> {
            Digest d = new Digest();
            try (InputStream in = Files.newInputStream(file)) {
                new MayaAsciiReader(100 << 10).read(in, file.toString(), d);
            }
            return d;
        }));
        assertTrue(both.single().startsWith("error: ") && both.single().contains("longer than"), both.single());
        assertEquals(both.single(), both.chunked());
    }

    @Test
    void crlfLinesReadTheSame() throws IOException {
        byte[] crlfHead = crlf(head);
        byte[] crlfBody = crlf(body);
        Path file = scene("crlf.ma", 40, crlfHead, crlfBody, crlf(tail));
        starts(file, 16 << 10, 20);
        Both both = read(file, 16 << 10);
        assertFalse(both.single().startsWith("error"), both.single());
        assertEquals(both.single(), both.chunked());
        assertEquals(read(scene("lf.ma", 40, head, body, tail), 16 << 10).single().replaceAll(".* after ", ""),
                both.single().replaceAll(".* after ", ""), "the same number of events as with LF");
    }

    @Test
    void utf8NamesAndPathsAndCommentsAtChunkStartsReadTheSame() throws IOException {
        // node names and texture paths with non-ASCII letters (2-, 3- and 4-byte UTF-8), comment lines and blank
        // lines right before the createNode lines where chunks start
        String text = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append("// a comment line with \"quotes; and a semicolon\n\n")
                    .append("createNode file -n \"tex\u00e9\u65e5\u672c").append(i).append("\";\n")
                    .append("\tsetAttr \".ftn\" -type \"string\" \"C:/textures/caf\u00e9/\u65e5\u672c\ud83c\udfa8")
                    .append(i).append(".png\";\n");
        }
        byte[] extra = b.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes(extra);
        mixed.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        // the cube scene was saved on Windows (//Codeset: 1252): this one as Maya saves on Linux and macOS
        byte[] utf8Head = new String(head, StandardCharsets.ISO_8859_1).replace("//Codeset: 1252", "//Codeset: UTF-8")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(java.util.Arrays.equals(head, utf8Head), "the codeset line was replaced");
        Path file = scene("utf8.ma", 40, utf8Head, mixed.toByteArray(), tail);
        starts(file, 8 << 10, 20);
        Both both = read(file, 8 << 10);
        assertFalse(both.single().startsWith("error"), both.single());
        assertEquals(both.single(), both.chunked());
        Recorder r = new Recorder();
        new MayaAsciiReader(1 << 20, 0, 8 << 10).read(file, r);
        assertEquals(40 * 8, r.setAttrs.stream().filter(a -> a.attribute().equals("ftn")
                && a.values().get(0).startsWith("C:/textures/caf\u00e9/\u65e5\u672c\ud83c\udfa8")).count());
    }

    private static byte[] crlf(byte[] lf) {
        return new String(lf, StandardCharsets.ISO_8859_1).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}

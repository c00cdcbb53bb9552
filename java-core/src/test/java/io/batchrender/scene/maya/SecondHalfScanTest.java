package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * A big scene read on two threads gives exactly the events, in the same order, and the same errors with the same
 * line numbers, as the same bytes read on one; a wrong guess of the boundary changes nothing.
 */
class SecondHalfScanTest {

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

    /** The events (or the error) of reading on two threads, and of the same bytes read as a stream on one. */
    record Both(String split, String single) {
    }

    static Both read(Path file) throws IOException {
        return new Both(outcome(() -> {
            Digest d = new Digest();
            new MayaAsciiReader().read(file, d);
            return d;
        }), outcome(() -> {
            Digest d = new Digest();
            try (InputStream in = Files.newInputStream(file)) {
                new MayaAsciiReader().read(in, file.toString(), d);
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

    @Test
    void aBigSceneReadsTheSameOnTwoThreads() throws IOException {
        Path file = scene("big.ma", copiesFor(SecondHalfScan.MIN_SIZE + (4 << 20)), new byte[0]);
        long boundary = SecondHalfScan.boundaryAfter(file, Files.size(file) / 2);
        assertTrue(boundary > 0, "no boundary found: the test would not read on two threads");
        Optional<SecondHalfScan> second = SecondHalfScan.start(file, Files.size(file), StandardCharsets.UTF_8,
                file.toString(), 1 << 20);
        assertTrue(second.isPresent(), "the file is big enough to be read on two threads");
        StatementIndex index = second.get().await();
        second.get().close();
        assertTrue(index.count() > 5_000, "indexed " + index.count());
        assertEquals(Files.size(file) - boundary, index.end(), "indexed to the end of the file");

        Both both = read(file);
        assertFalse(both.single().startsWith("error"), both.single());
        assertEquals(both.single(), both.split());
    }

    @Test
    void aFullIndexHandsTheRestBackToTheReader() throws IOException {
        Path file = scene("full.ma", copiesFor(SecondHalfScan.MIN_SIZE + (4 << 20)), new byte[0]);
        SecondHalfScan second = SecondHalfScan.start(file, Files.size(file), StandardCharsets.UTF_8, file.toString(),
                1 << 20, 1000).orElseThrow();
        Digest split = new Digest();
        try (InputStream in = Files.newInputStream(file)) {
            new MayaAsciiByteScanner(in, StandardCharsets.UTF_8, file.toString(), 1 << 20, 0)
                    .run(new MayaAsciiCommands(split), second);
        } finally {
            second.close();
        }
        StatementIndex index = second.await();
        assertEquals(1000, index.count());
        assertTrue(index.end() < Files.size(file) - second.start(), "the index stopped early");
        assertEquals(read(file).single(), split.hex());
    }

    @Test
    void aWrongGuessOfTheBoundaryIsThrownAway() throws IOException {
        // a string with raw line breaks, one of which starts with 'createNode ', right after the middle
        ByteArrayOutputStream trick = new ByteArrayOutputStream();
        trick.writeBytes("createNode script -n \"trick\";\n\tsetAttr \".b\" -type \"string\" \"".getBytes(StandardCharsets.US_ASCII));
        byte[] filler = "filler line of a script, written by hand\n".getBytes(StandardCharsets.US_ASCII);
        while (trick.size() < (3 << 20)) {
            trick.writeBytes(filler);
        }
        trick.writeBytes("createNode fake -n \"notANode\";\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1000; i++) {
            trick.writeBytes(filler);
        }
        trick.writeBytes("\";\n".getBytes(StandardCharsets.US_ASCII));
        int copies = copiesFor(SecondHalfScan.MIN_SIZE + (4 << 20));
        Path file = scene("trick.ma", copies, trick.toByteArray());
        long middle = Files.size(file) / 2;
        long trickStart = head.length + (long) copies * body.length;
        assertTrue(middle > trickStart && middle < trickStart + (3 << 20), "the middle falls in the string");

        Both both = read(file);
        assertEquals(both.single(), both.split());
        Digest d = new Digest();
        new MayaAsciiReader().read(file, d);
        assertFalse(d.sawFake, "a createNode inside a string is no node");
    }

    @Test
    void aFileCutInItsSecondHalfFailsTheSameWayWithTheSameLine() throws IOException {
        Path whole = scene("whole.ma", copiesFor(SecondHalfScan.MIN_SIZE + (4 << 20)), new byte[0]);
        byte[] bytes = Files.readAllBytes(whole);
        // cut inside a statement three quarters in
        int cut = (int) (bytes.length * 0.75);
        while (bytes[cut] != ';') {
            cut++;
        }
        Path file = tmp.resolve("cut.ma");
        Files.write(file, java.util.Arrays.copyOf(bytes, cut - 3));
        Both both = read(file);
        assertTrue(both.single().startsWith("error: "), both.single());
        assertEquals(both.single(), both.split());
        assertThrows(MayaSceneException.class, () -> new MayaAsciiReader().read(file, new Digest()));
    }
}

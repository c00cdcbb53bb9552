package io.batchrender.scene.maya;

import static io.batchrender.scene.maya.MayaTestData.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Picking the reader by content, and every kind of bad input: each ends in a one-line MayaSceneException. */
class MayaSceneReaderTest {

    private static final String CUBE = DEADLINE + "cube/scene/cube.ma";
    private static final String EMPTY_MB = "azure-batch-maya/tests/data/empty.mb";

    @TempDir
    Path tmp;

    private static String message(Path scene, Recorder r) {
        MayaSceneException e = assertThrows(MayaSceneException.class, () -> MayaSceneReader.read(scene, r));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private Path firstBytes(String relative, int n, String name) throws IOException {
        byte[] all = Files.readAllBytes(MayaTestData.maya(relative));
        return Files.write(tmp.resolve(name), Arrays.copyOf(all, n));
    }

    @Test
    void theReaderIsPickedByContentNotByExtension() throws IOException {
        Path asciiNamedMb = Files.write(tmp.resolve("scene.mb"), Files.readAllBytes(MayaTestData.maya(CUBE)));
        Path binaryNamedMa = Files.write(tmp.resolve("scene.ma"), Files.readAllBytes(MayaTestData.maya(EMPTY_MB)));
        assertEquals(MayaSceneReader.Format.ASCII, MayaSceneReader.format(asciiNamedMb));
        assertEquals(MayaSceneReader.Format.BINARY, MayaSceneReader.format(binaryNamedMa));
        assertEquals("file", MayaTestData.read(asciiNamedMb).nodeTypes.get("file1"));
        assertEquals("C:/Users/antisch/Pictures/butterfly.png", MayaTestData.read(binaryNamedMa).string("file1", "ftn"));
    }

    @Test
    void aMissingFile() {
        Path missing = tmp.resolve("nope.ma");
        String msg = message(missing, new Recorder());
        assertTrue(msg.contains(missing + " does not exist: check the path"), msg);
    }

    @Test
    void aFolder() {
        String msg = message(tmp, new Recorder());
        assertTrue(msg.contains(tmp + " is a folder: pass the .ma or .mb file inside it"), msg);
    }

    @Test
    void anUnreadableFile() throws IOException {
        Path p = Files.write(tmp.resolve("locked.ma"), Files.readAllBytes(MayaTestData.maya(CUBE)));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(p), "running as root: every file is readable");
        String msg = message(p, new Recorder());
        assertTrue(msg.contains("cannot be read: check its permissions"), msg);
    }

    @Test
    void anEmptyFile() throws IOException {
        Path p = Files.write(tmp.resolve("empty.ma"), new byte[0]);
        assertTrue(message(p, new Recorder()).contains("is empty"));
    }

    @Test
    void binaryGarbageNamedMa() throws IOException {
        byte[] garbage = new byte[1 << 16];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x01; // neither //Maya nor FOR
        Path p = Files.write(tmp.resolve("garbage.ma"), garbage);
        String msg = message(p, new Recorder());
        assertTrue(msg.contains("is not a Maya scene (it starts with neither //Maya nor FOR4/FOR8)"), msg);
        MayaSceneException direct = assertThrows(MayaSceneException.class, () -> new MayaAsciiReader().read(p, new Recorder()));
        assertTrue(direct.getMessage().contains("is not a Maya ASCII scene (it does not start with //Maya)"), direct.getMessage());
        MayaSceneException binary = assertThrows(MayaSceneException.class, () -> new MayaBinaryReader().read(p, new Recorder()));
        assertTrue(binary.getMessage().contains("is not a Maya Binary scene"), binary.getMessage());
    }

    @Test
    void garbageAfterAnIffHeader() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            System.arraycopy("FOR8".getBytes(StandardCharsets.ISO_8859_1), 0, garbage, 0, 4);
            if (i % 2 == 0) {
                System.arraycopy("Maya".getBytes(StandardCharsets.ISO_8859_1), 0, garbage, 16, 4);
            }
            Path p = Files.write(tmp.resolve("garbage" + i + ".mb"), garbage);
            message(p, new Recorder());
        }
    }

    @Test
    void asciiTruncatedInsideAString() throws IOException {
        // cube.ma line 191, byte 55961: <tab>setAttr ".ftn" -type "string" "D:/deadline-clients/...; cut in the path.
        Path p = firstBytes(CUBE, 56000, "cut.ma");
        Recorder r = new Recorder();
        String msg = message(p, r);
        assertTrue(msg.contains("ends inside the string that starts at line 191"), msg);
        assertTrue(msg.contains("truncated"), msg);
        assertEquals("createNode file file1", r.events.get(r.events.size() - 1), "everything complete before was reported");
        assertEquals(Optional.empty(), r.find("file1", "ftn"));
    }

    @Test
    void asciiTruncatedInTheMiddleOfAStatement() throws IOException {
        // cube.ma line 207 ends at byte 56962 inside setAttr ".otfva" -type "Int32Array" 22 ..., which ends on line 209.
        Path p = firstBytes(CUBE, 56962, "cut.ma");
        Recorder r = new Recorder();
        String msg = message(p, r);
        assertTrue(msg.contains("ends in the middle of the statement at line 207"), msg);
        assertEquals(List.of("22"), r.attr(":hardwareRenderingGlobals", "otfna").values().subList(0, 1));
    }

    @Test
    void asciiCutAnywhereEndsCleanly() throws IOException {
        byte[] all = Files.readAllBytes(MayaTestData.maya(CUBE));
        for (int n = 0; n < all.length; n += 499) {
            Path p = Files.write(tmp.resolve("cut" + n + ".ma"), Arrays.copyOf(all, n));
            try {
                MayaSceneReader.read(p, new Recorder());
            } catch (MayaSceneException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    @Test
    void binaryTruncatedInsideAStringChunk() throws IOException {
        // empty.mb: file1's RTFT group at 0x10d88, its CREA at 0x10d9c, its STR ftn at 0x10db4..0x10df1.
        Path p = firstBytes(EMPTY_MB, 0x10dd0, "cut.mb");
        Recorder r = new Recorder();
        String msg = message(p, r);
        assertTrue(msg.contains("ends at byte 69072, inside the chunk that starts at byte 69044"), msg);
        assertTrue(msg.contains("truncated"), msg);
        assertEquals("createNode file file1", r.events.get(r.events.size() - 1));
    }

    @Test
    void binaryCutAnywhereIsReported() throws IOException {
        byte[] all = Files.readAllBytes(MayaTestData.maya(EMPTY_MB));
        for (int n = 4; n < all.length; n += 331) {
            Path p = Files.write(tmp.resolve("cut" + n + ".mb"), Arrays.copyOf(all, n));
            assertTrue(message(p, new Recorder()).contains("truncated"), "cut at " + n);
        }
    }

    @Test
    void aChunkSizeLargerThanItsGroup() throws IOException {
        byte[] all = Files.readAllBytes(MayaTestData.maya(EMPTY_MB));
        ByteBuffer.wrap(all).putLong(0x10db4 + 8, 0x7FFF_FFFF_FFFF_FFF0L); // file1's STR size
        Path p = Files.write(tmp.resolve("damaged.mb"), all);
        Recorder r = new Recorder();
        String msg = message(p, r);
        assertTrue(msg.contains("chunk 'STR ' at byte 69044 says it holds 9223372036854775792 bytes, more than its group has left"), msg);
        assertEquals("createNode file file1", r.events.get(r.events.size() - 1));
    }

    @Test
    void aGroupSizeLargerThanTheFile() throws IOException {
        byte[] all = Files.readAllBytes(MayaTestData.maya(EMPTY_MB));
        ByteBuffer.wrap(all).putLong(8, 1L << 40); // the top FOR8 Maya group
        Path p = Files.write(tmp.resolve("damaged.mb"), all);
        Recorder r = new Recorder();
        assertTrue(message(p, r).contains("truncated"));
        assertEquals(38, r.count("createNode "), "every node was reported first");
    }

    @Test
    void aHugeStringChunkIsNeitherAllocatedNorSkippedPastTheFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put("FOR8".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putLong(1L << 40).put("Maya".getBytes(StandardCharsets.ISO_8859_1));
        b.put("FOR8".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putLong(1L << 39).put("RTFT".getBytes(StandardCharsets.ISO_8859_1));
        b.put("STR ".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putLong(100L << 20).put("ftn\0 a".getBytes(StandardCharsets.ISO_8859_1));
        Path p = Files.write(tmp.resolve("huge.mb"), Arrays.copyOf(b.array(), b.position()));
        MayaSceneException capped = assertThrows(MayaSceneException.class, () -> new MayaBinaryReader(1 << 20).read(p, new Recorder()));
        assertTrue(capped.getMessage().contains("chunk 'STR ' at byte 40 holds 100 MB, more than the 1 MB this reader keeps in memory"),
                capped.getMessage());
        MayaSceneException truncated = assertThrows(MayaSceneException.class, () -> new MayaBinaryReader(200L << 20).read(p, new Recorder()));
        assertTrue(truncated.getMessage().contains("inside the chunk that starts at byte 40"), truncated.getMessage());
    }
}

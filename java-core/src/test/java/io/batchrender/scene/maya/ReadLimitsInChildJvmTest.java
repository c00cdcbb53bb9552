package io.batchrender.scene.maya;

import static io.batchrender.scene.maya.MayaTestData.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory, shown in a child JVM whose heap is capped at 64 MB (see {@link HugeSceneMain}): a 100 MB
 * statement ends in a clear error rather than an OutOfMemoryError, and a valid 50 MB scene reads to the end.
 */
class ReadLimitsInChildJvmTest {

    @TempDir
    Path tmp;

    private record Result(int exit, String out) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), HugeSceneMain.class.getName()));
        cmd.addAll(List.of(args));
        Path log = tmp.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).trim());
    }

    @Test
    void aHundredMegabyteStringWithNoEndIsAClearError() throws Exception {
        Result r = run("long-string", tmp.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().matches("MayaSceneException: .*huge\\.ma: statement at line 4 is longer than [0-9.]+ MB: "
                + "the file is damaged or not a Maya ASCII scene"), r.out());
    }

    @Test
    void aHundredMegabyteWordWithNoEndIsAClearError() throws Exception {
        Result r = run("long-word", tmp.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("huge.ma: statement at line 3 is longer than"), r.out());
    }

    @Test
    void aHundredMegabyteBinaryStringIsAClearError() throws Exception {
        Result r = run("binary-string", tmp.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("huge.mb: chunk 'STR ' at byte 40 holds 100 MB, more than the"), r.out());
    }

    @Test
    void aMeshWithAHundredMegabyteVertexListIsSteppedOverAndItsProxyFound() throws Exception {
        // the scanner reads a mesh only for its Arnold proxy (.dso): its vertex list, however long, is not read
        Result r = run("huge-mesh", tmp.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().endsWith(" rockShape.dso=rock.ass"), r.out());
    }

    @Test
    void aFiftyMegabyteSceneReadsInSixtyFourMegabytesOfHeap() throws Exception {
        // cube.ma: 30 createNode and 42 connectAttr lines between its header and "// End of cube.ma" (grep -c),
        // two file lines in the header; about 60 KB of them, so 900 copies make more than 50 MB.
        Path cube = MayaTestData.maya(DEADLINE + "cube/scene/cube.ma");
        int copies = 900;
        Result r = run("large-valid", tmp.toString(), cube.toString(), Integer.toString(copies));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains(" createNode=" + 30 * copies + " connectAttr=" + 42 * copies + " fileReference=2 "), r.out());
        long size = Long.parseLong(r.out().replaceAll(".*size=(\\d+).*", "$1"));
        assertTrue(size > 50L << 20, "size " + size);
    }
}

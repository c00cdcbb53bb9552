package io.batchrender.watch;

import io.batchrender.storage.RateLimit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.Checksum;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskOutputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFetcherTest {

    @TempDir
    Path dir;

    /** Serves fixed bytes: the unit-level edge of a farm's storage. */
    private static TaskOutputs serving(byte[] bytes) {
        return new TaskOutputs() {
            @Override
            public List<OutputFile> list(String jobId, TaskInfo task) {
                return List.of();
            }

            @Override
            public InputStream open(String jobId, OutputFile file) {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static Checksum digest(String algorithm, byte[] bytes) throws Exception {
        return new Checksum(algorithm, java.util.HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes)));
    }

    @Test
    void aVerifiedFileLandsUnderItsNameAndNoTempStays() throws Exception {
        byte[] bytes = "frame one".getBytes(StandardCharsets.UTF_8);
        Path target = dir.resolve("out/f_0001.png");
        for (String algorithm : List.of(Checksum.SHA256, Checksum.MD5)) {
            OutputFile f = new OutputFile("1", "out/f_0001.png", bytes.length, Optional.of(digest(algorithm, bytes)));
            String sha = new FileFetcher(serving(bytes), 0).fetch("job", f, target);
            assertEquals(digest(Checksum.SHA256, bytes).hex(), sha);
            assertEquals("frame one", Files.readString(target));
            assertFalse(Files.exists(FileFetcher.partialOf(target)));
        }
    }

    @Test
    void aFileThatDoesNotMatchTheFarmNeverAppearsUnderItsName() throws Exception {
        byte[] served = "corrupted".getBytes(StandardCharsets.UTF_8);
        Path target = dir.resolve("f_0002.png");
        OutputFile wrongSum = new OutputFile("1", "f_0002.png", served.length,
                Optional.of(digest(Checksum.SHA256, "original!".getBytes(StandardCharsets.UTF_8))));
        OutputFile wrongSize = new OutputFile("1", "f_0002.png", served.length + 5, Optional.empty());
        for (OutputFile f : List.of(wrongSum, wrongSize)) {
            assertThrows(IOException.class, () -> new FileFetcher(serving(served), 0).fetch("job", f, target));
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(FileFetcher.partialOf(target)));
        }
    }

    @Test
    void namesThatWouldLeaveTheFolderAreRefused() {
        for (String bad : List.of("../x.png", "/etc/passwd", "a/../../b", "C:\\x", "a\\b", "", "a//b", "./a")) {
            assertFalse(OutputFile.isSafeName(bad), bad);
        }
        assertTrue(OutputFile.isSafeName("layer/beauty/f_0001.exr"));
        assertThrows(IllegalArgumentException.class, () -> new WatchPaths(null, "../etc"));
    }

    @Test
    void aLimitedFetchTakesTheTimeItsSizeAsks() throws Exception {
        byte[] bytes = new byte[48 * 1024];
        OutputFile f = new OutputFile("1", "f_0003.exr", bytes.length, Optional.empty());
        long start = System.nanoTime();
        new FileFetcher(serving(bytes), 16 * 1024).fetch("job", f, dir.resolve("f_0003.exr"));
        double seconds = (System.nanoTime() - start) / 1e9;
        // 48 KiB at 16 KiB/s in 4 KiB reads: the first read goes at once, the other 44 KiB wait 2.75 s
        assertTrue(seconds >= 2.5, "took " + seconds + " s");
        assertEquals(bytes.length, Files.size(dir.resolve("f_0003.exr")));
    }

    @Test
    void ratesReadLikeCurlsLimitRate() {
        assertEquals(500 * 1024, RateLimit.parse("500k"));
        assertEquals(20L * 1024 * 1024, RateLimit.parse("20M"));
        assertEquals(0, RateLimit.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.parse("fast"));
    }
}

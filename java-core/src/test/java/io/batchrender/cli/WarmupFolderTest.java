package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warm-up folder per live gateway; the folders of gateways stopped in the middle of their warm-up go. */
class WarmupFolderTest {

    @Test
    void removesTheFoldersOfEndedProcessesAndKeepsThoseOfRunningOnes(@TempDir Path state) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            Path stale = Files.createDirectories(state.resolve("warmup").resolve(Long.toString(ended.pid())).resolve("project"));
            Files.writeString(stale.resolve("f0.txt"), "left by a gateway stopped mid warm-up");
            Path live = Files.createDirectories(state.resolve("warmup").resolve(Long.toString(running.pid())));
            Files.writeString(live.resolve("warmup.ma"), "in use");

            Path mine = WarmupFolder.create(state);

            assertEquals(state.resolve("warmup").resolve(Long.toString(ProcessHandle.current().pid())), mine);
            assertTrue(Files.isDirectory(mine));
            assertFalse(Files.exists(stale.getParent()), "the ended gateway's folder is gone");
            assertTrue(Files.exists(live.resolve("warmup.ma")), "a running gateway's folder is left alone");
            WarmupFolder.delete(mine);
            assertFalse(Files.exists(mine));
        } finally {
            running.destroy();
        }
    }
}

package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.storage.SyncResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's stand-in Blob service answers the SDK well enough for a real upload and re-sync. */
class WarmupCommandTest {

    @Test
    void theWarmUpSyncUploadsTwoFilesThenSkipsThem(@TempDir Path dir) {
        List<SyncResult> results = WarmupCommand.syncTwice(dir);

        assertEquals(2, results.size(), "both syncs ran (a failure is only logged, so this is where it shows)");
        assertEquals(2, results.get(0).uploaded());
        assertEquals(0, results.get(0).skipped());
        assertEquals(0, results.get(1).uploaded());
        assertEquals(2, results.get(1).skipped());
        results.forEach(r -> assertEquals(true, r.complete(), r.toString()));
    }
}

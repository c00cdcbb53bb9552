package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.storage.local.LocalBlobStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --limit-rate} on uploads: one limit over all the files a sync has in flight. */
class AssetSyncRateLimitTest {

    @TempDir
    Path tmp;

    @Test
    void theLimitHoldsOverAllFilesInFlight() throws Exception {
        Path shot = tmp.resolve("shot");
        for (int i = 0; i < 8; i++) {
            StoreFiles.write(shot.resolve("tex/t" + i + ".png"), 64 * 1024, i);
        }
        long limit = 256 * 1024; // 512 KB in 8 files at 256 KB/s: the first file's worth goes at once, the rest >= 1.75 s
        try (LocalBlobStore store = LocalBlobStore.open(tmp.resolve("store"));
             HashCache cache = HashCache.open(tmp.resolve("cache.db"))) {
            SyncOptions options = SyncOptions.defaults().withFixedParallel(8).withRateLimit(limit);
            long t0 = System.nanoTime();
            SyncResult r = new AssetSync(store, cache, options)
                    .run(SyncRequest.forProject("limited", List.of(shot)), SyncListener.NONE, new Cancellation());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(8, r.uploaded());
            assertTrue(seconds >= 1.6, "8 files in flight together still kept to 256 KB/s: took " + seconds + " s");
        }
    }
}

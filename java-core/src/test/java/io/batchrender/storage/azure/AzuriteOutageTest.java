package io.batchrender.storage.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.storage.AssetSync;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.ContainerDownload;
import io.batchrender.storage.DownloadResult;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.StoreFiles;
import io.batchrender.storage.SyncListener;
import io.batchrender.storage.SyncOperation;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncRequest;
import io.batchrender.storage.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The service goes away in the middle of a sync and comes back: nothing is lost, nothing is sent twice. */
class AzuriteOutageTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    @Test
    void aSyncThatLosesTheServiceFinishesAfterItReturnsWithoutResendingFinishedFiles() throws Exception {
        Path root = tmp.resolve("shot");
        List<Path> files = new ArrayList<>(StoreFiles.tree(root, 1500, 40_000, 9));
        files.add(StoreFiles.write(root.resolve("caches/fluid.vdb"), 2 * AzureBlobStore.BLOCK_SIZE + 999, 10));
        SyncRequest request = SyncRequest.forProject("outage", List.of(root));
        List<SyncResult> runs = new ArrayList<>();
        try (AzureBlobStore store = AZURITE.store(); HashCache cache = HashCache.open(tmp.resolve("cache.db"))) {
            AssetSync sync = new AssetSync(store, cache, SyncOptions.defaults());
            SyncOperation op = sync.start(request, SyncListener.NONE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (op.progress().filesUploaded() < 300 && !op.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertTrue(!op.isDone(), "the outage must come in the middle of the sync");
            AZURITE.stop();
            Thread.sleep(3000);
            AZURITE.start();
            runs.add(op.result().get(5, TimeUnit.MINUTES));
            // the sync's own retries may have run out for a few files: a second run must finish them
            if (!runs.get(0).complete()) {
                runs.add(sync.run(request, SyncListener.NONE, new Cancellation()));
            }
            SyncResult last = runs.get(runs.size() - 1);
            assertTrue(last.complete(), "failed: " + last.failed());
            int sent = runs.stream().mapToInt(SyncResult::uploaded).sum();
            assertEquals(files.size(), sent, "each file sent once: runs " + runs);

            SyncResult again = sync.run(request, SyncListener.NONE, new Cancellation());
            assertEquals(0, again.uploaded());
            assertEquals(files.size(), again.skipped());

            Path dest = tmp.resolve("back");
            DownloadResult d = new ContainerDownload(store, 8).run(request.container(), "", dest, n -> { }, new Cancellation());
            assertEquals(files.size(), d.downloaded());
            for (Path f : files) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dest.resolve(BlobNames.forLocalPath(f.toString()))),
                        f.toString());
            }
        }
    }
}

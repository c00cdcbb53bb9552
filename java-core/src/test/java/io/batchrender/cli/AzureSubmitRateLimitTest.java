package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.render.TestScenes;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit --farm azure --limit-rate RATE}: the scene's upload to its asset project sends at most RATE bytes a
 * second over all its connections (the one RateLimit of {@code upload --limit-rate} and the watcher's downloads), so an
 * artist submitting leaves bandwidth for the studio. Real Azurite and the Batch double; a pool with no nodes, so
 * nothing renders.
 */
class AzureSubmitRateLimitTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    private AzureCliRun.Result run(BatchDouble batch, String... args) {
        return AzureCliRun.run(tmp.resolve("state"), batch, AZURITE, args);
    }

    /**
     * The Batch plug-in for Maya's {@code empty.mb} (made on Windows: file1 reads C:/Users/antisch/Pictures/butterfly.png,
     * file2 D:/Test_Data/0012.png), its two textures found through a search path: three files go up.
     */
    @Test
    void theScenesUploadKeepsToTheRateAndABadRateIsAOneLineError() throws Exception {
        Path scene = TestScenes.testData("maya/azure-batch-maya/tests/data/empty.mb");
        Path found = tmp.resolve("artist/textures");
        Files.createDirectories(found);
        noisePng(found.resolve("butterfly.png"), 1);
        noisePng(found.resolve("0012.png"), 2);
        List<Path> files = List.of(scene, found.resolve("butterfly.png"), found.resolve("0012.png"));
        long total = 0;
        long largest = 0;
        for (Path f : files) {
            total += Files.size(f);
            largest = Math.max(largest, Files.size(f));
        }
        long rate = 128 * 1024;
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(50)).start();
             AzureBlobStore store = AZURITE.store()) {
            assertEquals(0, run(batch, "pool", "create", "idle", "--farm", "azure", "--dedicated", "0").code());

            // the same submit without a limit first (to another asset project): it also warms this JVM, so the time
            // below is the limited submit's own (without --limit-rate wired, the second took 1.7 s here)
            long start = System.nanoTime();
            AzureCliRun.Result free = run(batch, "submit", scene.toString(), "--farm", "azure", "--pool", "idle", "--frames", "1",
                    "--search-path", found.toString(), "--asset-project", "unlimited");
            double unlimited = (System.nanoTime() - start) / 1e9;
            assertEquals(0, free.code(), free.err());

            start = System.nanoTime();
            AzureCliRun.Result submit = run(batch, "submit", scene.toString(), "--farm", "azure", "--pool", "idle", "--frames", "1",
                    "--search-path", found.toString(), "--asset-project", "limited", "--limit-rate", "128k");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("submit of %d bytes in %d files: %.2f s unlimited, %.2f s at 128 KiB/s%n", total, files.size(), unlimited, seconds);

            assertEquals(0, submit.code(), submit.err());
            List<String> uploaded = store.list("fgrp-limited", "").stream().map(BlobInfo::name).toList();
            for (Path f : files) {
                assertTrue(uploaded.contains(BlobNames.forLocalPath(f.toString())), f + " in " + uploaded);
            }
            // a file's bytes are paid for once it is sent (Guava's RateLimiter: a request's cost is paid by the next,
            // and up to a second's worth was stored while idle): all but the largest file and a second's worth wait
            double least = (double) (total - largest - rate) / rate;
            assertTrue(least > 2.5, "the test's files are big enough to show the limit: " + least);
            assertTrue(seconds >= least, String.format("%d bytes in %d files at %d B/s took %.2f s, at least %.2f s expected",
                    total, files.size(), rate, seconds, least));

            AzureCliRun.Result bad = run(batch, "submit", scene.toString(), "--farm", "azure", "--pool", "idle", "--frames", "1",
                    "--search-path", found.toString(), "--limit-rate", "fast");
            assertEquals(2, bad.code());
            assertTrue(bad.err().startsWith("error: --limit-rate: 'fast' is not a rate"), bad.err());
            assertEquals(1, bad.err().lines().count(), bad.err());
        }
    }

    /** A real PNG of noise (which does not compress: about 470 KB). */
    private static void noisePng(Path file, long seed) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(400, 400, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        javax.imageio.ImageIO.write(img, "png", file.toFile());
    }
}

package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.azure.BatchAccount;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.render.TestScenes;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cloud round trip through the CLI, with no SAS URL typed anywhere: {@code submit
 * --farm azure} syncs a real Blender scene to an asset project in Azurite, the job gets its own
 * output container, the Batch test double runs real Blender on an auto-pool, and {@code watch
 * --farm azure} downloads the frames from the output container into a folder.
 */
class AzureCloudRoundTripTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    private AzureCliRun.Result run(BatchDouble batch, String... args) {
        return AzureCliRun.run(tmp.resolve("state"), batch, AZURITE, args);
    }

    @Test
    void aBlenderSceneIsSubmittedWithoutSasUrlsAndItsFramesAreWatchedIntoAFolder() throws Exception {
        Path scene = TestScenes.blend();
        Path frames = tmp.resolve("frames");
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
             AzureBlobStore store = AZURITE.store()) {

            AzureCliRun.Result submit = run(batch, "submit", scene.toString(), "--farm", "azure", "--frames", "1-2",
                    "--slots-per-node", "2", "--wait");

            assertEquals(0, submit.code(), submit.err());
            String jobId = submit.out().strip();
            AzureFarm farm = new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()),
                    new StateHome(tmp.resolve("state")), AzureJobSettings.on(new PoolChoice.Existing("unused")), 4, Duration.ofMillis(50));
            String output = farm.outputContainer(jobId).orElseThrow();
            assertTrue(output.startsWith("out-shapes-"), output);
            assertEquals("shapes", farm.assetProject(jobId).orElseThrow(), "the project is the scene's name");
            assertTrue(submit.err().contains("output container " + output), submit.err());
            // no --references: the .blend went alone, and the artist is told how to send what it names
            assertTrue(submit.err().contains("note: Only the .blend was uploaded: the files it names"), submit.err());
            assertFalse(submit.err().contains(tmp.resolve("state").toString()), "no local folder is named as the frames' place: "
                    + submit.err());
            // the scene went up under the one blob-naming rule, and the node rendered from it
            List<String> assets = store.list("fgrp-shapes", "").stream().map(BlobInfo::name).toList();
            assertEquals(List.of(BlobNames.forLocalPath(scene.toString())), assets);
            List<String> images = store.list(output, "images/").stream().map(BlobInfo::name).sorted().toList();
            assertEquals(List.of("images/1/shapes_0001.png", "images/2/shapes_0002.png"), images);

            AzureCliRun.Result watch = run(batch, "watch", jobId, "--to", frames.toString(), "--farm", "azure", "--foreground", "--poll", "0.2");

            assertEquals(0, watch.code(), watch.err());
            try (Stream<Path> files = Files.list(frames)) {
                assertEquals(List.of("shapes_0001.png", "shapes_0002.png"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), "each frame once, nothing else");
            }
            for (String name : List.of("shapes_0001.png", "shapes_0002.png")) {
                BufferedImage img = ImageIO.read(frames.resolve(name).toFile());
                assertNotNull(img, name + " is not a readable PNG");
                assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
                // the watcher checked it against the blob's Content-MD5: the same bytes as in the output container
                String task = name.equals("shapes_0001.png") ? "1" : "2";
                BlobInfo blob = store.list(output, "images/" + task + "/" + name).get(0);
                String md5 = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5")
                        .digest(Files.readAllBytes(frames.resolve(name))));
                assertEquals(Optional.of(md5), blob.contentMd5(), name);
            }
            List<String> journal = Files.readAllLines(tmp.resolve("state").resolve("watchers").resolve(jobId).resolve("files.jsonl"));
            assertEquals(2, journal.size(), "each frame fetched once: " + journal);
            for (String line : journal) {
                JsonObject f = JsonParser.parseString(line).getAsJsonObject();
                String name = f.get("name").getAsString();
                assertEquals(name.equals("shapes_0001.png") ? "1" : "2", f.get("taskId").getAsString(), line);
            }

            // watched again: everything is there and intact, nothing is fetched a second time
            AzureCliRun.Result again = run(batch, "watch", jobId, "--to", frames.toString(), "--farm", "azure", "--foreground", "--poll", "0.2");
            assertEquals(0, again.code(), again.err());
            assertEquals(journal, Files.readAllLines(tmp.resolve("state").resolve("watchers").resolve(jobId).resolve("files.jsonl")));

            // the same scene again: the asset project is up to date, nothing is sent; each job has its own output container
            AzureCliRun.Result second = run(batch, "submit", scene.toString(), "--farm", "azure", "--frames", "1", "--chunk", "1");
            assertEquals(0, second.code(), second.err());
            assertTrue(second.err().contains("Asset project shapes: 0 file(s) uploaded (0 B), 1 unchanged."), second.err());
            String secondOutput = farm.outputContainer(second.out().strip()).orElseThrow();
            assertFalse(secondOutput.equals(output), secondOutput);
            assertEquals(0, run(batch, "job", "delete", second.out().strip(), "--farm", "azure").code());

            AzureCliRun.Result handMade = run(batch, "submit", scene.toString(), "--farm", "azure", "--frames", "1",
                    "--output-url", "http://127.0.0.1:1/devstoreaccount1/x?sig=y");
            assertEquals(2, handMade.code(), "an output SAS without the assets' is refused before anything is made");
            assertTrue(handMade.err().contains("leave --output-url out"), handMade.err());
        }
    }

    /**
     * {@code submit --farm azure --limit-rate RATE}: the scene's upload to its asset project sends at most RATE bytes a
     * second over all its connections (the one RateLimit of {@code upload --limit-rate} and the watcher's downloads), so
     * an artist submitting leaves bandwidth for the studio. A pool with no nodes, so nothing renders.
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

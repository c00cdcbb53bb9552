package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.azure.testdouble.BatchDouble;

import io.batchrender.compile.SubmitRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assets in and outputs out through Azurite, as a node does it: the job preparation task fetches
 * the asset container by prefix, the tasks read it, and their images and logs land in the output
 * container. Runs where Azurite is installed (the storage layer's scripts/ensure-deps.sh, or $AZURITE_BLOB).
 */
class AzureFarmStorageTest {

    @TempDir
    Path tmp;

    @Test
    void assetsArriveOnTheNodeAndImagesAndLogsLandInTheOutputContainer() throws Exception {
        Optional<Path> azurite = AzuriteBlobs.program();
        Assumptions.assumeTrue(azurite.isPresent(), "azurite-blob is not installed");
        try (AzuriteBlobs blobs = AzuriteBlobs.start(azurite.get(), tmp.resolve("azurite"));
             BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start()) {
            blobs.createContainer("fgrp-shot");
            blobs.createContainer("output");
            blobs.put("fgrp-shot", "sh010/scenes/notes.txt", "hello from the asset project");
            blobs.put("fgrp-shot", "sh010/tex/wood.txt", "wood");
            blobs.put("fgrp-shot", "sh020/elsewhere.txt", "not this shot");
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "render");
            farm.createPool(new PoolSpec("render", "standard_d2s_v5", 1, 0, 2, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            AzureJobSettings settings = AzureJobSettings.on(new PoolChoice.Existing("render"))
                    .withAssets(blobs.containerUrl("fgrp-shot"), "sh010/")
                    .withOutputContainerUrl(blobs.containerUrl("output"));
            var spec = SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("sh", "-c",
                    "cat \"$AZ_BATCH_JOB_PREP_WORKING_DIR/assets/sh010/scenes/notes.txt\" > \"$0/frame_$1.txt\"; echo rendered $1",
                    "{output}", "{frame}")), Optional.empty(), "1-2", 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));

            JobInfo job = farm.submit(spec, settings).job();

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(farm.job(job.id()).orElseThrow().succeeded(), String.valueOf(farm.tasks(job.id())));
            assertEquals(List.of("images/1/frame_1.txt", "images/2/frame_2.txt", "logs/1/stderr.txt", "logs/1/stdout.txt",
                    "logs/2/stderr.txt", "logs/2/stdout.txt"), blobs.list("output").stream().sorted().toList());
            assertEquals("hello from the asset project", blobs.get("output", "images/2/frame_2.txt"));
            assertEquals("rendered 2\n", blobs.get("output", "logs/2/stdout.txt"));
            try (Stream<Path> files = Files.walk(tmp.resolve("nodes"))) {
                List<String> fetched = files.filter(Files::isRegularFile).map(p -> p.toString().replace('\\', '/'))
                        .filter(p -> p.contains("/jobpreparation/wd/assets/")).map(p -> p.substring(p.indexOf("/assets/") + 8))
                        .sorted().toList();
                assertEquals(List.of("sh010/scenes/notes.txt", "sh010/tex/wood.txt"), fetched, "only the shot's prefix, once per node");
            }
        }
    }

    @Test
    void aBlenderSceneRendersOnAnAutoPoolAndItsFramesLandInTheOutputContainer() throws Exception {
        Optional<Path> azurite = AzuriteBlobs.program();
        Assumptions.assumeTrue(azurite.isPresent(), "azurite-blob is not installed");
        try (AzuriteBlobs blobs = AzuriteBlobs.start(azurite.get(), tmp.resolve("azurite"));
             BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start()) {
            Path scene = io.batchrender.render.TestScenes.blend();
            blobs.createContainer("fgrp-shapes");
            blobs.createContainer("output");
            blobs.put("fgrp-shapes", "scenes/shapes.blend", Files.readAllBytes(scene)); // what the storage layer's sync does
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
            AzureJobSettings settings = AzureJobSettings.on(new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 2,
                            PoolImage.Marketplace.ubuntu2204(), Optional.empty())))
                    .withAssets(blobs.containerUrl("fgrp-shapes"), "")
                    .withSceneBlob("scenes/shapes.blend")
                    .withOutputContainerUrl(blobs.containerUrl("output"));
            var spec = SceneCompiler.compile(new SubmitRequest(Optional.of(io.batchrender.render.RenderOptions.forScene(scene)),
                    Optional.empty(), Optional.empty(), "1-2", 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));

            JobInfo job = farm.submit(spec, settings).job();

            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(farm.job(job.id()).orElseThrow().succeeded(), farm.tasks(job.id()) + "\n"
                    + Files.readString(farm.log(job.id(), "1", 0).stderr()));
            List<String> images = blobs.list("output").stream().filter(n -> n.startsWith("images/")).sorted().toList();
            assertEquals(List.of("images/1/shapes_0001.png", "images/2/shapes_0002.png"), images);
            for (String image : images) {
                byte[] png = blobs.bytes("output", image);
                assertTrue(png.length > 1000, image + " is " + png.length + " bytes");
                assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1), image + " is not a PNG");
            }
            assertTrue(farm.pools().stream().noneMatch(p -> p.id().startsWith("batchrender_") && !p.state().equals("deleting")),
                    "the auto-pool goes with its job");
        }
    }

    @Test
    void aBlenderSceneMadeOnWindowsFindsItsTextureOnTheNodeThroughThePathMap() throws Exception {
        Optional<Path> azurite = AzuriteBlobs.program();
        Assumptions.assumeTrue(azurite.isPresent(), "azurite-blob is not installed");
        String texture = "C:/Users/ann/shots/tex/wood.png";
        Path blend = tmp.resolve("shot.blend");
        Process make = new ProcessBuilder("blender", "-b", "--factory-startup", "--python-expr", String.join("\n",
                "import bpy",
                "s = bpy.context.scene",
                "s.render.engine = 'CYCLES'",
                "s.cycles.samples = 1",
                "s.cycles.use_denoising = False",
                "s.render.resolution_x = s.render.resolution_y = 32",
                "img = bpy.data.images.new('wood', 8, 8)",
                "img.source = 'FILE'",
                "img.filepath = '" + texture + "'",
                "img.use_fake_user = True",
                // as a scene saved on Windows holds it: absolute (saving on Linux would make C:/... relative)
                "bpy.ops.wm.save_as_mainfile(filepath='" + blend + "', relative_remap=False)")).redirectErrorStream(true).start();
        String made = new String(make.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(make.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && Files.isRegularFile(blend), made);
        io.batchrender.render.pathmap.BlobNamer namer = local -> "external/c/" + local.replace('\\', '/').substring(3);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        try (AzuriteBlobs blobs = AzuriteBlobs.start(azurite.get(), tmp.resolve("azurite"));
             BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start()) {
            blobs.createContainer("fgrp-shot");
            blobs.createContainer("output");
            blobs.put("fgrp-shot", "shot.blend", Files.readAllBytes(blend));
            blobs.put("fgrp-shot", namer.blobName(texture), png.toByteArray());
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
            AzureJobSettings settings = AzureJobSettings.on(new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 1,
                            PoolImage.Marketplace.ubuntu2204(), Optional.empty())))
                    .withAssets(blobs.containerUrl("fgrp-shot"), "").withSceneBlob("shot.blend")
                    .withPathMap(io.batchrender.render.pathmap.PathMap.rules(List.of(texture), namer))
                    .withOutputContainerUrl(blobs.containerUrl("output"));
            var spec = SceneCompiler.compile(new SubmitRequest(Optional.of(io.batchrender.render.RenderOptions.forScene(blend)),
                    Optional.empty(), Optional.empty(), "1", 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));

            JobInfo job = farm.submit(spec, settings).job();

            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String stdout = blobs.get("output", "logs/1/stdout.txt");
            String stderr = blobs.get("output", "logs/1/stderr.txt");
            assertTrue(farm.job(job.id()).orElseThrow().succeeded(), stdout + stderr);
            Matcher m = Pattern.compile("batchrender: path map: " + Pattern.quote(texture) + " -> (\\S+)").matcher(stdout);
            assertTrue(m.find(), stderr);
            assertTrue(m.group(1).endsWith("/jobpreparation/wd/assets/external/c/Users/ann/shots/tex/wood.png"), m.group(1));
            assertTrue(Files.isRegularFile(Path.of(m.group(1))), "the texture is where the path map sends Blender");
            assertEquals(List.of("images/1/shot_0001.png"), blobs.list("output").stream().filter(n -> n.startsWith("images/")).toList());
        }
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.Submitted;
import static io.batchrender.farm.local.TemplateJobFixture.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.render.Program;
import io.batchrender.render.ProgramLocator;
import io.batchrender.render.TestScenes;
import io.batchrender.storage.Cancellation;
import io.batchrender.watch.FetchedFile;
import io.batchrender.watch.Thumbnailer;
import io.batchrender.watch.WatchOptions;
import io.batchrender.watch.WatchPaths;
import io.batchrender.watch.WatchState;
import io.batchrender.watch.WatchStatus;
import io.batchrender.watch.Watcher;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template-shaped Blender task renders a real frame of a real scene into a file group on the local farm. */
class TemplateBlenderOnLocalFarmTest {

    @TempDir
    Path tmp;

    @Test
    void aBlenderTaskFromATemplateRendersARealFrameIntoTheOutputFileGroup() throws Exception {
        Optional<Path> blender = new ProgramLocator(System.getenv()).locate(Program.named("blender"));
        assumeTrue(blender.isPresent(), "Blender is not installed");
        Path scene = TestScenes.blend();

        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "blender-shot", "poolInfo": {"autoPoolSpecification": {"pool": {"vmSize": "STANDARD_NC6"}}}}""", """
                    {"id": "0", "commandLine": "blender -b scene/shapes.blend -o out/frame_#### -F PNG -f 1",
                     "resourceFiles": [{"httpUrl": "%s", "filePath": "scene/shapes.blend"}],
                     "outputFiles": [
                       {"filePattern": "out/*.png", "destination": {"autoStorage": {"fileGroup": "shot-renders", "path": "shot010"}}},
                       {"filePattern": "../stdout.txt", "destination": {"autoStorage": {"fileGroup": "shot-renders", "path": "logs/0.txt"}},
                        "uploadOptions": {"uploadCondition": "taskCompletion"}}]}""".formatted(scene.toUri()))).job().id();
            JobInfo done = f.farm.awaitCompleted(id, Duration.ofSeconds(240));
            assertTrue(done.succeeded(), () -> f.farm.diagnostics(id) + log(f.taskDir(id, "0", 1)));

            assertEquals(List.of("logs/0.txt", "shot010/frame_0001.png"), f.blobNames("fgrp-shot-renders"));
            Path png = tmp.resolve("frame.png");
            f.store.download("fgrp-shot-renders", "shot010/frame_0001.png", png, n -> { }, new Cancellation());
            BufferedImage image = ImageIO.read(png.toFile());
            int[] size = sceneSize(blender.get(), scene);
            assertEquals(size[0], image.getWidth());
            assertEquals(size[1], image.getHeight());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 7) {
                for (int x = 0; x < image.getWidth(); x += 7) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 10, "a rendered picture, not a blank one: " + colours.size() + " colours");
            assertTrue(f.blob("fgrp-shot-renders", "logs/0.txt").contains("Saved:"), "Blender's own log uploaded");
        }
    }

    /**
     * The shipped {@code templates/blender-cycles-linux} job template, expanded by the template
     * engine for frames 1-2 and run here: the job preparation task lays the file group out in its
     * working folder, one task per frame renders from there through {@code /bin/sh}, images and logs
     * go to the output file group. The template as shipped, unchanged.
     */
    @Test
    void theShippedBlenderCyclesLinuxTemplateRendersFramesFromAFileGroupIntoAFileGroup() throws Exception {
        Optional<Path> blender = new ProgramLocator(System.getenv()).locate(Program.named("blender"));
        assumeTrue(blender.isPresent(), "Blender is not installed");
        Path templateFile = TestScenes.repoRoot().resolve("templates/blender-cycles-linux/job.template.json");
        String text = Files.readString(templateFile);
        io.batchrender.templates.ExpandedJob expanded = io.batchrender.templates.JobTemplates.expand(
                io.batchrender.templates.Template.parse(text, templateFile.toString()),
                io.batchrender.templates.ParameterValues.fromArgs(List.of("inputData=shot-assets",
                        "sceneFile=scenes/shapes.blend", "outputs=renders", "frameStart=1", "frameEnd=2")),
                io.batchrender.templates.FileGroupFiles.none());
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            Files.copy(TestScenes.blend(), tmp.resolve("shapes.blend"));
            f.store.createContainer("fgrp-shot-assets");
            f.store.upload("fgrp-shot-assets", "scenes/shapes.blend", tmp.resolve("shapes.blend"),
                    Files.size(tmp.resolve("shapes.blend")), null, n -> { }, new Cancellation());

            Submitted sub = f.submit(expanded);
            assertTrue(sub.notes().stream().anyMatch(l -> l.contains("poolInfo.poolId 'blender-linux'")), sub.notes().toString());
            String id = sub.job().id();
            assertEquals("blender-cycles-linux", id);
            // an artist's watcher, started as the job starts, brings the frames home as they finish
            Path home = tmp.resolve("renders");
            java.util.concurrent.CompletableFuture<WatchState> watched = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new Watcher(id, home, f.farm.farm, new LocalTaskOutputs(f.farm.home, f.farm.farm),
                            new WatchPaths(f.farm.home, id), new Thumbnailer(List.of()),
                            new WatchOptions(Duration.ofMillis(100), 0, 3), java.time.Clock.systemUTC()).run();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            JobInfo done = f.farm.awaitCompleted(id, Duration.ofSeconds(300));
            assertTrue(done.succeeded(), () -> f.farm.diagnostics(id) + log(f.taskDir(id, "jobpreparation", 1))
                    + log(f.taskDir(id, "0", 1)));
            assertEquals(2, done.counts().total());

            List<String> blobs = List.of("blender-cycles-linux/images/frame_0001.png", "blender-cycles-linux/images/frame_0002.png",
                    "blender-cycles-linux/logs/frame_1.log", "blender-cycles-linux/logs/frame_1_error.log",
                    "blender-cycles-linux/logs/frame_2.log", "blender-cycles-linux/logs/frame_2_error.log");
            assertEquals(blobs, f.blobNames("fgrp-renders"));
            assertTrue(Files.isRegularFile(f.taskDir(id, "jobpreparation", 1).resolve("wd/assets/scenes/shapes.blend")),
                    "the preparation task fetched the file group once, for every frame");

            WatchState end = watched.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(WatchStatus.FINISHED, end.status(), end.message());
            assertEquals(blobs, end.files().stream().map(FetchedFile::name).sorted().toList());
            assertEquals(List.of("0", "1"), end.files().stream().filter(x -> x.name().endsWith(".png"))
                    .sorted(java.util.Comparator.comparing(FetchedFile::name)).map(FetchedFile::taskId).toList(),
                    "each frame is its own task's (frame 1 is task 0)");
            for (String blob : blobs) {
                Path copy = tmp.resolve("from-store");
                f.store.download("fgrp-renders", blob, copy, n -> { }, new Cancellation());
                assertEquals(-1L, Files.mismatch(copy, home.resolve(blob)), blob + " fetched byte for byte");
            }
            int[] size = sceneSize(blender.get(), TestScenes.blend());
            for (String frame : List.of("0001", "0002")) {
                BufferedImage image = ImageIO.read(home.resolve("blender-cycles-linux/images/frame_" + frame + ".png").toFile());
                assertEquals(size[0], image.getWidth());
                assertEquals(size[1], image.getHeight());
            }
        }
    }

    private static String log(Path taskDir) {
        try {
            return Files.readString(taskDir.resolve("stdout.txt")) + Files.readString(taskDir.resolve("stderr.txt"));
        } catch (java.io.IOException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    /** The frame size the scene asks for, as Blender itself reads it from the file. */
    private static int[] sceneSize(Path blender, Path scene) throws Exception {
        Process p = new ProcessBuilder(blender.toString(), "-b", scene.toString(), "--python-expr",
                "import bpy; r = bpy.context.scene.render; "
                        + "print('SIZE', r.resolution_x * r.resolution_percentage // 100, r.resolution_y * r.resolution_percentage // 100)")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("SIZE (\\d+) (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}

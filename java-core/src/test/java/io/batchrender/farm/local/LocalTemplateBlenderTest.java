package io.batchrender.farm.local;

import static io.batchrender.farm.local.TemplateJobFixture.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.render.Program;
import io.batchrender.render.ProgramLocator;
import io.batchrender.render.TestScenes;
import io.batchrender.storage.Cancellation;
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
class LocalTemplateBlenderTest {

    @TempDir
    Path tmp;

    @Test
    void aBlenderTaskFromATemplateRendersARealFrameIntoTheOutputFileGroup() throws Exception {
        Optional<Path> blender = new ProgramLocator(System.getenv()).locate(Program.named("blender"));
        assumeTrue(blender.isPresent(), "Blender is not installed");
        Path scene = TestScenes.blend();

        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.jobs.submit(job("""
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

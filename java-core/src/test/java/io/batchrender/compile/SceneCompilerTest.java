package io.batchrender.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.job.Job;
import io.batchrender.job.Task;
import io.batchrender.frames.FrameSpecException;
import io.batchrender.render.BlenderRenderer;
import io.batchrender.render.MayaRenderer;
import io.batchrender.render.RenderOptions;
import io.batchrender.render.RenderSetupException;
import io.batchrender.job.Command;
import io.batchrender.render.TestScenes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SceneCompilerTest {

    private static SubmitRequest sceneRequest(Path scene, Optional<String> renderer, String frames, int chunk) {
        return new SubmitRequest(Optional.of(RenderOptions.forScene(scene)), Optional.empty(), renderer, frames, chunk,
                Optional.empty(), Optional.empty(), SubmitRequest.DEFAULT_RETRIES, Optional.empty());
    }

    private static SubmitRequest commandRequest(List<String> argv, String frames, int chunk) {
        return new SubmitRequest(Optional.empty(), Optional.of(argv), Optional.empty(), frames, chunk,
                Optional.empty(), Optional.empty(), SubmitRequest.DEFAULT_RETRIES, Optional.empty());
    }

    private static SubmitRequest blend(String frames, int chunk) {
        return sceneRequest(TestScenes.blend(), Optional.empty(), frames, chunk);
    }

    private static String failure(SubmitRequest request) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> SceneCompiler.compile(request));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    // What an artist can get wrong

    @Test
    void sceneAndCommandTogetherFail() {
        SubmitRequest both = new SubmitRequest(Optional.of(RenderOptions.forScene(TestScenes.blend())),
                Optional.of(List.of("echo", "{frame}")), Optional.empty(), "1-3", 1,
                Optional.empty(), Optional.empty(), 0, Optional.empty());
        assertTrue(failure(both).contains("both"));
    }

    @Test
    void neitherSceneNorCommandFails() {
        SubmitRequest neither = new SubmitRequest(Optional.empty(), Optional.empty(), Optional.empty(), "1-3", 1,
                Optional.empty(), Optional.empty(), 0, Optional.empty());
        assertTrue(failure(neither).contains("neither"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void chunkBelowOneFails(int chunk) {
        assertTrue(failure(blend("1-10", chunk)).contains("--chunk " + chunk));
    }

    @Test
    void negativeRetriesFail() {
        SubmitRequest request = new SubmitRequest(Optional.of(RenderOptions.forScene(TestScenes.blend())),
                Optional.empty(), Optional.empty(), "1-10", 1, Optional.empty(), Optional.empty(), -1, Optional.empty());
        assertTrue(failure(request).contains("--retries -1"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5})
    void timeoutMustBePositive(long seconds) {
        SubmitRequest request = new SubmitRequest(Optional.of(RenderOptions.forScene(TestScenes.blend())),
                Optional.empty(), Optional.empty(), "1-10", 1, Optional.empty(), Optional.empty(), 0,
                Optional.of(Duration.ofSeconds(seconds)));
        assertTrue(failure(request).contains("--timeout"));
    }

    @Test
    void rendererWithACommandFails() {
        SubmitRequest request = new SubmitRequest(Optional.empty(), Optional.of(List.of("echo", "{frame}")),
                Optional.of("blender"), "1-3", 1, Optional.empty(), Optional.empty(), 0, Optional.empty());
        assertTrue(failure(request).contains("--renderer"));
    }

    @Test
    void rendererNamedCommandWithACommandIsFine() {
        SubmitRequest request = new SubmitRequest(Optional.empty(), Optional.of(List.of("echo", "{frame}")),
                Optional.of("command"), "1-3", 1, Optional.empty(), Optional.empty(), 0, Optional.empty());
        assertEquals("command", SceneCompiler.compile(request).origin().renderer());
    }

    @Test
    void badFrameSpecFailsBeforeTheSceneOrRendererIsLookedAt() {
        // The scene does not exist and the renderer is unknown: the frame spec is still what is reported.
        SubmitRequest request = sceneRequest(Path.of("/no/such/scene.c4d"), Optional.of("foo"), "10-1", 1);
        FrameSpecException e = assertThrows(FrameSpecException.class, () -> SceneCompiler.compile(request));
        assertTrue(e.getMessage().contains("10-1"), e.getMessage());
    }

    @Test
    void badFrameSpecFailsBeforeTheCommandIsLookedAt() {
        SubmitRequest request = commandRequest(List.of("prog{frame}", "{nope"), "abc", 5);
        assertThrows(FrameSpecException.class, () -> SceneCompiler.compile(request));
    }

    @Test
    void sceneProblemsSurfaceFromTheRendererCheck() {
        assertTrue(failure(sceneRequest(Path.of("/no/such/shot.blend"), Optional.empty(), "1-3", 1))
                .contains("does not exist"));
        assertTrue(failure(blend("-1-3", 1)).contains("negative"));
        assertTrue(failure(commandRequest(List.of("echo", "{frame}"), "1-10", 2)).contains("--chunk 2"));
    }

    // What a good request becomes

    @Test
    void framesAreChunkedIntoTasksNumberedFromOne() {
        Job job = SceneCompiler.compile(blend("1-10,20", 4));
        List<Task> tasks = job.tasks();
        assertEquals(List.of("1", "2", "3", "4"), tasks.stream().map(Task::id).toList());
        assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10), List.of(20)),
                tasks.stream().map(Task::frames).toList());
    }

    @Test
    void eachTaskRendersItsOwnFrames() {
        Path scene = TestScenes.blend();
        Job job = SceneCompiler.compile(blend("1-10,20", 4));
        Task firstTask = job.tasks().get(0);
        Command.Call first = (Command.Call) firstTask.command();
        assertEquals(BlenderRenderer.BLENDER, first.program());
        assertEquals(List.of("-b", scene.toString(), "-o", Command.OUTPUT_DIR + "/shapes_####", "-F", "PNG",
                "-x", "1", "-s", "1", "-e", "4", "-j", "1", "-a"), first.args());
        assertEquals(4, firstTask.requiredOutputs());
        Task lastTask = job.tasks().get(3);
        Command.Call last = (Command.Call) lastTask.command();
        assertEquals(List.of("-f", "20"), last.args().subList(last.args().size() - 2, last.args().size()));
        assertEquals(1, lastTask.requiredOutputs());
    }

    @Test
    void sceneJobIsNamedAfterTheScene() {
        Job job = SceneCompiler.compile(blend("1-3", 1));
        assertEquals("shapes", job.displayName());
        assertEquals("blender", job.origin().renderer());
        assertEquals(Optional.of(TestScenes.blend()), job.scene());
        assertEquals(SubmitRequest.DEFAULT_RETRIES, job.constraints().maxTaskRetryCount().orElseThrow().intValue());
        assertEquals(3, job.tasks().size());
    }

    @Test
    void mayaSceneWithAnExplicitRenderer() {
        Job job = SceneCompiler.compile(sceneRequest(TestScenes.mayaBinary(), Optional.of("arnold"), "1-100", 25));
        assertEquals("maya", job.displayName());
        assertEquals("arnold", job.origin().renderer());
        assertEquals(4, job.tasks().size());
        Task cmdTask = job.tasks().get(3);
        Command.Call cmd = (Command.Call) cmdTask.command();
        assertEquals(MayaRenderer.RENDER, cmd.program());
        assertEquals(List.of("-r", "arnold", "-s", "76", "-e", "100", "-b", "1", "-rd", Command.OUTPUT_DIR,
                TestScenes.mayaBinary().toString()), cmd.args());
    }

    @Test
    void commandJobIsNamedAfterTheProgramFile() {
        Job job = SceneCompiler.compile(commandRequest(
                List.of("/usr/local/bin/convert", "in.{frame:4}.exr", "{output}/out.{frame:4}.png"), "1-3", 1));
        assertEquals("convert", job.displayName());
        assertEquals("command", job.origin().renderer());
        assertEquals(Optional.empty(), job.scene());
        assertEquals(List.of("1", "2", "3"), job.tasks().stream().map(Task::id).toList());
        Task secondTask = job.tasks().get(1);
        Command.Call second = (Command.Call) secondTask.command();
        assertEquals("/usr/local/bin/convert", second.program().name());
        assertEquals(List.of("in.0002.exr", Command.OUTPUT_DIR + "/out.0002.png"), second.args());
        assertEquals(0, secondTask.requiredOutputs());
    }

    @Test
    void commandOnPathIsNamedAfterItself() {
        assertEquals("echo", SceneCompiler.compile(commandRequest(List.of("echo", "{start}-{end}"), "1-10", 5)).displayName());
    }

    @Test
    void givenNameAndSettingsAreKept() {
        Path out = Path.of("/renders/shot1");
        SubmitRequest request = new SubmitRequest(Optional.empty(), Optional.of(List.of("echo", "{start}", "{end}")),
                Optional.empty(), "1-10x3", 2, Optional.of("my job"), Optional.of(out), 0,
                Optional.of(Duration.ofMinutes(30)));
        Job job = SceneCompiler.compile(request);
        assertEquals("my job", job.displayName());
        assertEquals(Optional.of(out), job.outputDir());
        assertEquals(0, job.constraints().maxTaskRetryCount().orElseThrow().intValue());
        assertEquals(Optional.of(Duration.ofMinutes(30)), job.tasks().get(0).constraints().maxWallClockTime());
        assertEquals(List.of(List.of(1, 4), List.of(7, 10)), job.tasks().stream().map(Task::frames).toList());
        assertEquals(List.of("7", "10"), ((Command.Call) job.tasks().get(1).command()).args());
    }

    @Test
    void requestCopiesTheCommand() {
        List<String> argv = new java.util.ArrayList<>(List.of("echo", "{frame}"));
        SubmitRequest request = commandRequest(argv, "1", 1);
        argv.set(0, "rm");
        assertEquals("echo", SceneCompiler.compile(request).displayName());
    }

    @Test
    void aProgramWithoutAFileNameStillNamesTheJob() {
        assertEquals("command", SceneCompiler.compile(commandRequest(List.of("/"), "1", 1)).displayName());
    }

    @Test
    void imagesAreTheTasksOutputFilesForTheJobsFolderOnSuccess() {
        Job job = SceneCompiler.compile(blend("1-3", 1));
        for (Task t : job.tasks()) {
            assertEquals(List.of(new io.batchrender.job.OutputFile(SceneCompiler.IMAGES + "/**/*",
                    io.batchrender.job.OutputFile.Destination.jobOutputFolder(""),
                    io.batchrender.job.OutputFile.UploadCondition.TASK_SUCCESS)), t.outputFiles());
            assertTrue(t.resourceFiles().isEmpty(), "a scene job on this workstation reads the scene where it is");
        }
        assertEquals(io.batchrender.job.Origin.Kind.SCENE, job.origin().kind());
        assertEquals("", job.id(), "the farm names the job");
    }
}

package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MayaRendererTest {

    private static final Path SCENE = Path.of("/scenes/shot 1.mb");
    private static final String OUT = TaskCommand.OUTPUT_DIR;
    private static final FrameChunk ONE_TO_TEN = new FrameChunk(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

    private static List<String> args(String renderer, RenderOptions options, FrameChunk chunk) {
        return new MayaRenderer(renderer, options).command(chunk).args();
    }

    @Test
    void arnoldRangeWithSceneLast() {
        assertEquals(List.of("-r", "arnold", "-s", "1", "-e", "10", "-b", "1", "-rd", OUT, "/scenes/shot 1.mb"),
                args("arnold", RenderOptions.forScene(SCENE), ONE_TO_TEN));
    }

    @Test
    void steppedChunkPassesTheStepAsDashB() {
        assertEquals(List.of("-r", "vray", "-s", "10", "-e", "40", "-b", "10", "-rd", OUT, "/scenes/shot 1.mb"),
                args("vray", RenderOptions.forScene(SCENE), new FrameChunk(List.of(10, 20, 30, 40))));
    }

    @Test
    void oneFrameIsARangeFromItselfToItself() {
        assertEquals(List.of("-r", "sw", "-s", "-3", "-e", "-3", "-b", "1", "-rd", OUT, "/scenes/shot 1.mb"),
                args("sw", RenderOptions.forScene(SCENE), new FrameChunk(List.of(-3))));
    }

    @Test
    void mayaRendererLeavesTheRendererToTheScene() {
        List<String> args = args("maya", RenderOptions.forScene(SCENE), ONE_TO_TEN);
        assertFalse(args.contains("-r"), args::toString);
        assertEquals(List.of("-s", "1", "-e", "10", "-b", "1", "-rd", OUT, "/scenes/shot 1.mb"), args);
    }

    @ParameterizedTest
    @CsvSource({"arnold, arnold", "vray, vray", "sw, sw", "hw2, hw2", "redshift, redshift", "renderman, renderman"})
    void everyNamedRendererIsPassedWithDashR(String name, String flag) {
        List<String> args = args(name, RenderOptions.forScene(SCENE), ONE_TO_TEN);
        assertEquals(List.of("-r", flag), args.subList(0, 2));
    }

    @Test
    void optionalFlagsOnlyWhenGivenAndTheSceneStaysLast() {
        Path project = Path.of("/projects/show");
        RenderOptions options = RenderOptions.forScene(SCENE)
                .withImageName(Optional.of("beauty"))
                .withProject(Optional.of(project))
                .withCamera(Optional.of("shotCam"))
                .withLayer(Optional.of("fg layer"));
        assertEquals(List.of("-r", "arnold", "-s", "1", "-e", "10", "-b", "1", "-rd", OUT,
                        "-im", "beauty", "-proj", "/projects/show", "-cam", "shotCam", "-rl", "fg layer",
                        "/scenes/shot 1.mb"),
                args("arnold", options, ONE_TO_TEN));
    }

    @Test
    void eachOptionalFlagOnItsOwn() {
        RenderOptions base = RenderOptions.forScene(SCENE);
        List<String> cam = args("maya", base.withCamera(Optional.of("persp")), ONE_TO_TEN);
        assertEquals(List.of("-cam", "persp", "/scenes/shot 1.mb"), cam.subList(cam.size() - 3, cam.size()));
        assertFalse(cam.contains("-rl") || cam.contains("-proj") || cam.contains("-im"), cam::toString);

        List<String> layer = args("maya", base.withLayer(Optional.of("bg")), ONE_TO_TEN);
        assertEquals(List.of("-rl", "bg", "/scenes/shot 1.mb"), layer.subList(layer.size() - 3, layer.size()));
        assertFalse(layer.contains("-cam"), layer::toString);
    }

    @Test
    void noOptionalFlagsByDefault() {
        List<String> args = args("arnold", RenderOptions.forScene(SCENE), ONE_TO_TEN);
        for (String flag : List.of("-cam", "-rl", "-proj", "-im")) {
            assertFalse(args.contains(flag), () -> flag + " in " + args);
        }
    }

    @Test
    void programIsMayasRenderAndOutputsAreOnePerFrame() {
        TaskCommand cmd = new MayaRenderer("arnold", RenderOptions.forScene(SCENE)).command(ONE_TO_TEN);
        assertSame(MayaRenderer.RENDER, cmd.program());
        assertEquals("Render", cmd.program().name());
        assertEquals("MAYA_LOCATION", cmd.program().homeVar());
        assertEquals("bin/Render", cmd.program().homeRelative());
        assertEquals(10, cmd.minOutputFiles());
    }

    @Test
    void nameIsTheRendererNameGiven() {
        assertEquals("arnold", new MayaRenderer("arnold", RenderOptions.forScene(SCENE)).name());
        assertEquals("maya", new MayaRenderer("maya", RenderOptions.forScene(SCENE)).name());
        assertTrue(new MayaRenderer("maya", RenderOptions.forScene(SCENE)).takesRanges());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blender", "mental ray", "ARNOLD", "", "command"})
    void unknownMayaRendererFails(String name) {
        RenderSetupException e = assertThrows(RenderSetupException.class,
                () -> new MayaRenderer(name, RenderOptions.forScene(SCENE)));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("arnold, hw2, maya, redshift, renderman, sw, vray"), e.getMessage());
    }

    // check()

    @Test
    void checkAcceptsMayaAscii() {
        MayaRenderer r = new MayaRenderer("arnold", RenderOptions.forScene(TestScenes.mayaAscii()));
        assertDoesNotThrow(() -> r.check(FrameSet.parse("1-10"), 5));
    }

    @Test
    void checkAcceptsMayaBinary() {
        MayaRenderer r = new MayaRenderer("maya", RenderOptions.forScene(TestScenes.mayaBinary()));
        assertDoesNotThrow(() -> r.check(FrameSet.parse("1-10"), 5));
    }

    @Test
    void checkAcceptsNegativeFrames() {
        MayaRenderer r = new MayaRenderer("maya", RenderOptions.forScene(TestScenes.mayaAscii()));
        assertDoesNotThrow(() -> r.check(FrameSet.parse("-10--1"), 5));
    }

    @Test
    void checkRejectsABlenderSceneGivenAsMaya() {
        MayaRenderer r = new MayaRenderer("arnold", RenderOptions.forScene(TestScenes.blend()));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("1"), 1));
        assertTrue(e.getMessage().contains("not a Maya scene"), e.getMessage());
    }

    @Test
    void checkRejectsAMissingProjectFolder(@TempDir Path tmp) {
        Path project = tmp.resolve("no-such-project");
        RenderOptions options = RenderOptions.forScene(TestScenes.mayaAscii()).withProject(Optional.of(project));
        MayaRenderer r = new MayaRenderer("arnold", options);
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("1"), 1));
        assertTrue(e.getMessage().contains(project.toString()), e.getMessage());
    }

    @Test
    void checkAcceptsAnExistingProjectFolder(@TempDir Path tmp) {
        RenderOptions options = RenderOptions.forScene(TestScenes.mayaBinary()).withProject(Optional.of(tmp));
        assertDoesNotThrow(() -> new MayaRenderer("arnold", options).check(FrameSet.parse("1"), 1));
    }
}

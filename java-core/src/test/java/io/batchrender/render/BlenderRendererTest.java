package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlenderRendererTest {

    private static final Path SCENE = Path.of("/scenes/shot 1.blend");
    private static final String OUT = TaskCommand.OUTPUT_DIR;

    private static BlenderRenderer renderer(RenderOptions options) {
        return new BlenderRenderer(options);
    }

    private static BlenderRenderer renderer() {
        return renderer(RenderOptions.forScene(SCENE));
    }

    @Test
    void oneFrameRendersWithDashFAfterOutputAndFormat() {
        TaskCommand cmd = renderer().command(new FrameChunk(List.of(5)));
        assertEquals(List.of("-b", "/scenes/shot 1.blend", "-o", OUT + "/shot 1_####", "-F", "PNG", "-x", "1", "-f", "5"),
                cmd.args());
    }

    @Test
    void rangeRendersAsAnimationWithStartEndAndStepLast() {
        TaskCommand cmd = renderer().command(new FrameChunk(List.of(1, 3, 5, 7)));
        assertEquals(List.of("-b", "/scenes/shot 1.blend", "-o", OUT + "/shot 1_####", "-F", "PNG", "-x", "1",
                "-s", "1", "-e", "7", "-j", "2", "-a"), cmd.args());
    }

    @Test
    void consecutiveRangeHasStepOne() {
        List<String> args = renderer().command(new FrameChunk(List.of(10, 11, 12))).args();
        assertEquals(List.of("-s", "10", "-e", "12", "-j", "1", "-a"), args.subList(args.size() - 7, args.size()));
    }

    @Test
    void outputAndFormatComeBeforeTheFramesToRender() {
        for (FrameChunk chunk : List.of(new FrameChunk(List.of(3)), new FrameChunk(List.of(1, 2, 3)))) {
            List<String> args = renderer().command(chunk).args();
            int render = Math.max(args.indexOf("-f"), args.indexOf("-a"));
            assertTrue(args.indexOf("-o") < render && args.indexOf("-F") < render && args.indexOf("-x") < render,
                    args::toString);
            assertEquals(render, args.size() - (chunk.size() == 1 ? 2 : 1), args::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "eevee, BLENDER_EEVEE",
            "EEVEE, BLENDER_EEVEE",
            "cycles, CYCLES",
            "Cycles, CYCLES",
            "workbench, BLENDER_WORKBENCH",
            "blender_eevee, BLENDER_EEVEE",
            "BLENDER_EEVEE_NEXT, BLENDER_EEVEE_NEXT",
            "BLENDER_WORKBENCH, BLENDER_WORKBENCH"})
    void engineGoesRightAfterTheSceneBeforeTheOutput(String given, String expected) {
        TaskCommand cmd = renderer(RenderOptions.forScene(SCENE).withEngine(Optional.of(given)))
                .command(new FrameChunk(List.of(1)));
        assertEquals(List.of("-b", "/scenes/shot 1.blend", "-E", expected, "-o", OUT + "/shot 1_####",
                "-F", "PNG", "-x", "1", "-f", "1"), cmd.args());
    }

    @ParameterizedTest
    @ValueSource(strings = {"octane", "eevee-next", "", "CYCLES "})
    void unknownEngineFails(String engine) {
        RenderOptions options = RenderOptions.forScene(SCENE).withEngine(Optional.of(engine));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> renderer(options));
        assertTrue(e.getMessage().contains("'" + engine + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"png, PNG", "open_exr, OPEN_EXR", "OPEN_EXR_MULTILAYER, OPEN_EXR_MULTILAYER", "jpeg, JPEG", "Tiff, TIFF"})
    void formatIsUpperCased(String given, String expected) {
        List<String> args = renderer(RenderOptions.forScene(SCENE).withFormat(Optional.of(given)))
                .command(new FrameChunk(List.of(1))).args();
        assertEquals(expected, args.get(args.indexOf("-F") + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exr", "jpg", "gif", "MOV", ""})
    void unknownFormatFails(String format) {
        RenderOptions options = RenderOptions.forScene(SCENE).withFormat(Optional.of(format));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> renderer(options));
        assertTrue(e.getMessage().contains("'" + format + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("OPEN_EXR"), "lists the formats: " + e.getMessage());
    }

    @Test
    void imageNameReplacesTheSceneName() {
        List<String> args = renderer(RenderOptions.forScene(SCENE).withImageName(Optional.of("beauty")))
                .command(new FrameChunk(List.of(1))).args();
        assertEquals(OUT + "/beauty_####", args.get(args.indexOf("-o") + 1));
    }

    @Test
    void minOutputFilesIsTheNumberOfFramesInTheChunk() {
        assertEquals(1, renderer().command(new FrameChunk(List.of(9))).minOutputFiles());
        assertEquals(4, renderer().command(new FrameChunk(List.of(1, 2, 3, 4))).minOutputFiles());
        assertEquals(3, renderer().command(new FrameChunk(List.of(0, 10, 20))).minOutputFiles());
    }

    @Test
    void programIsBlender() {
        assertSame(BlenderRenderer.BLENDER, renderer().command(new FrameChunk(List.of(1))).program());
        assertEquals("blender", BlenderRenderer.BLENDER.name());
        assertEquals("BLENDER", BlenderRenderer.BLENDER.pathVar());
        assertEquals("blender", renderer().name());
        assertTrue(renderer().takesRanges());
    }

    @Test
    void outputPlaceholderIsFilledInByTheFarm() {
        TaskCommand cmd = renderer().command(new FrameChunk(List.of(1)));
        assertTrue(cmd.argsWithOutput("/tmp/out").contains("/tmp/out/shot 1_####"));
    }

    // check()

    @Test
    void checkAcceptsARealBlenderScene() {
        BlenderRenderer r = renderer(RenderOptions.forScene(TestScenes.blend()));
        assertDoesNotThrow(() -> r.check(FrameSet.parse("0-10"), 5));
    }

    @Test
    void checkRejectsNegativeFrames() {
        BlenderRenderer r = renderer(RenderOptions.forScene(TestScenes.blend()));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("-2-3"), 1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("1-10,-1"), 1));
    }

    @Test
    void checkRejectsATextFileNamedBlend(@TempDir Path tmp) throws IOException {
        Path fake = Files.writeString(tmp.resolve("x.blend"), "this is not a scene\n");
        BlenderRenderer r = renderer(RenderOptions.forScene(fake));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("1"), 1));
        assertTrue(e.getMessage().contains("not a Blender file"), e.getMessage());
        assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
    }

    @Test
    void checkRejectsAMissingScene(@TempDir Path tmp) {
        Path missing = tmp.resolve("missing.blend");
        BlenderRenderer r = renderer(RenderOptions.forScene(missing));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("1"), 1));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void checkRejectsADirectory(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("scene.blend"));
        BlenderRenderer r = renderer(RenderOptions.forScene(dir));
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> r.check(FrameSet.parse("1"), 1));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
}

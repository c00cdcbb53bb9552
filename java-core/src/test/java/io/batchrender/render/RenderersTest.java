package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.frames.FrameChunk;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RenderersTest {

    private static Renderer forScene(String name, String scene) {
        return Renderers.forScene(Optional.ofNullable(name), RenderOptions.forScene(Path.of(scene)));
    }

    @Test
    void namesAreBlenderThenTheMayaRenderersSorted() {
        assertEquals(List.of("blender", "arnold", "hw2", "maya", "redshift", "renderman", "sw", "vray"), Renderers.names());
    }

    @ParameterizedTest
    @CsvSource({
            "/s/shot.blend, blender",
            "/s/SHOT.BLEND, blender",
            "/s/shot.ma, maya",
            "/s/shot.mb, maya",
            "/s/shot.MB, maya",
            "/s/shot.Ma, maya",
            "/s/my.scene.v2.mb, maya"})
    void rendererIsInferredFromTheExtension(String scene, String expected) {
        assertEquals(expected, forScene(null, scene).name());
    }

    @Test
    void blendGivesABlenderRenderer() {
        assertInstanceOf(BlenderRenderer.class, forScene(null, "/s/shot.blend"));
    }

    @Test
    void mayaSceneGivesAMayaRendererThatLeavesTheRendererToTheScene() {
        Renderer r = forScene(null, "/s/shot.MB");
        assertInstanceOf(MayaRenderer.class, r);
        List<String> args = r.command(new FrameChunk(List.of(1))).args();
        assertTrue(!args.contains("-r"), args::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/s/shot.c4d", "/s/shot.hip", "/s/shot", "/s/blend", "/s/shot.blend1", "/s/shot.mab"})
    void unknownExtensionAsksForTheRenderer(String scene) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> forScene(null, scene));
        assertTrue(e.getMessage().contains("--renderer"), e.getMessage());
        assertTrue(e.getMessage().contains(Path.of(scene).getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("blender, arnold"), e.getMessage());
    }

    @Test
    void explicitArnoldWithAMayaBinary() {
        Renderer r = forScene("arnold", "/s/shot.mb");
        assertInstanceOf(MayaRenderer.class, r);
        assertEquals("arnold", r.name());
        assertEquals(List.of("-r", "arnold"), r.command(new FrameChunk(List.of(1))).args().subList(0, 2));
    }

    @Test
    void explicitNameWinsOverTheExtensionAndIgnoresCase() {
        assertEquals("vray", forScene("VRay", "/s/shot.ma").name());
        assertInstanceOf(BlenderRenderer.class, forScene("Blender", "/s/exported.scene"));
        assertEquals("redshift", forScene("redshift", "/s/shot.c4d").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "command", "cinema4d", ""})
    void unknownNameListsTheKnownNames(String name) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> forScene(name, "/s/shot.mb"));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(String.join(", ", Renderers.names())), e.getMessage());
        assertTrue(e.getMessage().contains("--command"), e.getMessage());
    }

    @Test
    void rendererOptionsAreValidatedWhenTheRendererIsPicked() {
        RenderOptions options = RenderOptions.forScene(Path.of("/s/shot.blend")).withEngine(Optional.of("octane"));
        assertThrows(RenderSetupException.class, () -> Renderers.forScene(Optional.empty(), options));
    }
}

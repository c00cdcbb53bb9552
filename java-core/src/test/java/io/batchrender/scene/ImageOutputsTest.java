package io.batchrender.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.render.TestScenes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each layer's and camera's frames land (Autodesk, "Subfolders and names of rendered images"; the rules are in
 * MayaImagePaths). Expected values read from the scene files.
 */
class ImageOutputsTest {

    private static final String DEADLINE = "maya/deadline-cloud-for-maya/job_bundle_output_tests/";

    @TempDir
    Path tmp;

    private RenderSettings settings(Path scene) {
        return new SceneScanner(List.of(), tmp, Map.of()).scan(scene).settings().orElseThrow();
    }

    @Test
    void severalLayersGetLayerFoldersAndALayerWithSeveralCamerasGetsCameraFolders() {
        RenderSettings s = settings(TestScenes.testData(DEADLINE + "layers/scene/layers.ma"));
        // layers.ma: .an yes, .pff yes, no .peie/.pad (period, padding 1), .ifp "", arnold exr; five renderable layers
        // (rs_notRenderableLayer .rndr no), so each gets its folder: masterLayer, then the legacy layers rs_<name>.
        // Cameras per layer as SceneScannerTest reads them; cameraShape1..3 sit under camera1..3, perspShape under persp.
        // layerDefaultFrames renders no camera: no images. Its prefix override would not matter.
        assertEquals(List.of(
                new ImageOutput("masterLayer", "persp", "masterLayer/layers.#.exr"),
                new ImageOutput("layerFrameRange1", "persp", "rs_layerFrameRange1/persp/layers.#.exr"),
                new ImageOutput("layerFrameRange1", "camera1", "rs_layerFrameRange1/camera1/layers.#.exr"),
                new ImageOutput("renderSetupLayer2", "camera1", "rs_renderSetupLayer2/camera1/layers.#.exr"),
                new ImageOutput("renderSetupLayer2", "camera2", "rs_renderSetupLayer2/camera2/layers.#.exr"),
                new ImageOutput("renderSetupLayer2", "camera3", "rs_renderSetupLayer2/camera3/layers.#.exr"),
                new ImageOutput("renderSetupLayer4", "persp", "rs_renderSetupLayer4/layers.#.exr")), s.outputs());
        assertEquals(7, s.imagesPerFrame(Optional.empty(), Optional.empty()));
        assertEquals(3, s.imagesPerFrame(Optional.of("rs_renderSetupLayer2"), Optional.empty()));
        assertEquals(5, s.imagesPerFrame(Optional.empty(), Optional.of("persp")));
    }

    @Test
    void oneLayerAndOneCameraGetNoFolderAndAnimationOffNoFrameNumber() {
        RenderSettings s = settings(TestScenes.testData(DEADLINE + "cube/scene/cube.ma"));
        // cube.ma: no render setup layers, perspShape the one renderable camera, no .an (one frame: name.ext),
        // no .ren (Maya Software) with .imfkey "exr"
        assertEquals(List.of(new ImageOutput("masterLayer", "persp", "cube.exr")), s.outputs());
    }

    @Test
    void renderManNamesItsImagesItself() {
        RenderSettings s = settings(TestScenes.testData(DEADLINE + "renderman/scene/renderman.ma"));
        // rmanGlobals .imageOutputDir "<ws>/images/<scene>_v<version>_t<take>",
        // .imageFileFormat "<scene>_<layer>_<camera>_<aov>.<f4>.<ext>"; .imfkey "exr"
        ImageOutput first = s.outputs().get(0);
        assertEquals("masterLayer", first.layer());
        assertEquals("<ws>/images/renderman_v<version>_t<take>/renderman_masterLayer_" + first.camera()
                + "_<aov>.####.exr", first.path());
    }
}

package io.batchrender.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.job.Task;
import io.batchrender.render.TestScenes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Maya task succeeds only when every renderable layer wrote each frame through each of its cameras. */
class SubmissionImagesTest {

    @TempDir
    Path tmp;

    private List<Integer> expectedPerTask(Optional<String> layer, Optional<String> camera) {
        Path scene = TestScenes.testData("maya/deadline-cloud-for-maya/job_bundle_output_tests/layers/scene/layers.ma");
        SubmitForm form = new SubmitForm(Optional.of(scene), Optional.empty(), Optional.of("1-4"), List.of(), true, 2,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), camera, layer, Optional.empty());
        return SceneCompiler.compile(form, tmp, Map.of()).job().tasks().stream().map(Task::requiredOutputs).toList();
    }

    @Test
    void eachTaskExpectsEveryLayerAndCameraOfItsFrames() {
        // layers.ma renders 7 images a frame (ImageOutputsTest: masterLayer 1, layerFrameRange1 2,
        // renderSetupLayer2 3, layerDefaultFrames 0, renderSetupLayer4 1); two frames a task
        assertEquals(List.of(14, 14), expectedPerTask(Optional.empty(), Optional.empty()));
        // -rl rs_renderSetupLayer2 (the panel sends the legacy layer): its three cameras
        assertEquals(List.of(6, 6), expectedPerTask(Optional.of("rs_renderSetupLayer2"), Optional.empty()));
        // -cam persp: one camera in each of the five renderable layers
        assertEquals(List.of(10, 10), expectedPerTask(Optional.empty(), Optional.of("persp")));
    }
}

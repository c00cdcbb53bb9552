package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.render.TestScenes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plug-ins a scan of Maya's own references adds, read from the real scenes' {@code requires} lines. */
class ScanCallTest {

    private static final String DEADLINE = "maya/deadline-cloud-for-maya/job_bundle_output_tests/";

    @Test
    void requiredPluginsAreTheScenesRequiresStatementsInFileOrder() {
        // cube.ma lines 11-13: requires maya "2023"; requires "stereoCamera" "10.0"; requires -nodeType ... "mtoa" "5.1.0";
        assertEquals(List.of("maya", "stereoCamera", "mtoa"),
                List.copyOf(ScanCall.requiredPlugins(TestScenes.testData(DEADLINE + "cube/scene/cube.ma"))));
        // renderman.ma lines 11-17: a requires statement spread over three lines names RenderMan_for_Maya.py
        assertEquals(List.of("maya", "stereoCamera", "rfm_volume_aggregate_set.py", "RenderMan_for_Maya.py", "mtoa"),
                List.copyOf(ScanCall.requiredPlugins(TestScenes.testData(DEADLINE + "renderman/scene/renderman.ma"))));
    }
}

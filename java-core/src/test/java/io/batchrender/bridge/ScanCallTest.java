package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.render.TestScenes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan of the references Maya reports (what the plug-in's adapter sends), and the plug-ins it adds. */
class ScanCallTest {

    private static final String DEADLINE = "maya/deadline-cloud-for-maya/job_bundle_output_tests/";

    @TempDir
    Path tmp;

    private static final OperationContext QUIET = new OperationContext() {
        @Override
        public void progress(long done, long total, String message) {
        }

        @Override
        public boolean cancelRequested() {
            return false;
        }
    };

    @Test
    void anUnloadedReferenceIsListedButItsAbsenceIsNotMissing() {
        // two references Maya reports, neither file here: the unloaded one is listed and marked, not counted missing
        Requests.Scan req = Requests.scan("{\"scene\": \"shot.ma\", \"references\": ["
                + "{\"node\": \"aRN\", \"nodeType\": \"reference\", \"attribute\": \"fileName\", \"path\": \"gone/a.ma\","
                + " \"unloaded\": true},"
                + "{\"node\": \"bRN\", \"nodeType\": \"reference\", \"attribute\": \"fileName\", \"path\": \"gone/b.ma\","
                + " \"unloaded\": false}]}");
        JsonObject out = ScanCall.run(req, tmp.resolve("shot.ma"), tmp, Map.of(), QUIET).getAsJsonObject();

        assertEquals(1, out.get("missing").getAsInt());
        var assets = out.getAsJsonArray("assets");
        assertEquals(2, assets.size());
        assertTrue(assets.get(0).getAsJsonObject().get("unloaded").getAsBoolean());
        assertFalse(assets.get(1).getAsJsonObject().has("unloaded"));
    }

    @Test
    void nodesMayaReportsNamingTheSameFileAreOneEntryResolvedOnce() {
        // what the adapter sends for three file nodes naming one texture and one naming another (none here)
        Requests.Scan req = Requests.scan("{\"scene\": \"shot.ma\", \"references\": ["
                + "{\"node\": \"file1\", \"nodeType\": \"file\", \"attribute\": \"ftn\", \"path\": \"textures/grid.png\"},"
                + "{\"node\": \"file2\", \"nodeType\": \"file\", \"attribute\": \"ftn\", \"path\": \"textures/Mono.png\"},"
                + "{\"node\": \"file3\", \"nodeType\": \"file\", \"attribute\": \"ftn\", \"path\": \"textures/grid.png\"},"
                + "{\"node\": \"file4\", \"nodeType\": \"file\", \"attribute\": \"ftn\", \"path\": \"textures/grid.png\"}]}");
        JsonObject out = ScanCall.run(req, tmp.resolve("shot.ma"), tmp, Map.of(), QUIET).getAsJsonObject();

        var assets = out.getAsJsonArray("assets");
        assertEquals(2, assets.size());
        JsonObject grid = assets.get(0).getAsJsonObject();
        assertEquals("textures/grid.png", grid.get("path").getAsString());
        assertEquals("file1", grid.get("node").getAsString());
        assertEquals(3, grid.get("nodeCount").getAsInt());
        assertEquals(List.of("file1", "file3", "file4"),
                grid.getAsJsonArray("nodes").asList().stream().map(e -> e.getAsString()).toList());
        assertEquals(1, assets.get(1).getAsJsonObject().get("nodeCount").getAsInt());
        assertEquals(2, out.get("missing").getAsInt());
    }

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

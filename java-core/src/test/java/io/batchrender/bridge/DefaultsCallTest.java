package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.Farms;
import io.batchrender.render.MayaRenderer;
import io.batchrender.render.TestScenes;
import io.batchrender.settings.StateHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answers the panel takes from the core instead of deciding itself. */
class DefaultsCallTest {

    @TempDir
    Path tmp;

    private DefaultsCall call() {
        return new DefaultsCall(tmp, new Farms(StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", tmp.toString())), Map.of()));
    }

    @Test
    void everyRendererThePanelOffersIsOneTheCoreRendersWith() {
        JsonObject d = call().defaults("");
        List<String> labels = new ArrayList<>();
        for (JsonElement e : d.getAsJsonArray("renderers")) {
            String name = e.getAsJsonObject().get("name").getAsString();
            assertTrue(name.equals("blender") || MayaRenderer.RENDERERS.containsKey(name), name);
            labels.add(e.getAsJsonObject().get("sceneName").getAsString());
        }
        assertTrue(labels.containsAll(List.of("arnold", "mayaSoftware", "mayaHardware2", "vray", "redshift", "renderman",
                "blender")), labels.toString());
        assertEquals(Farms.DEFAULT_VM_SIZE, d.get("vmSize").getAsString());
    }

    @Test
    void theDefaultAssetProjectIsTheMayaProjectsFolderMadeAValidName() {
        Path scene = TestScenes.testData("maya/maya-usd/test/lib/usd/translators/UsdExportImportUDIMTest/UsdExportUDIMTest.ma");
        assertEquals("usdexportimportudimtest", call().defaults("{\"scene\": \"" + scene + "\", \"project\": \""
                + scene.getParent() + "\"}").get("assetProject").getAsString());
        assertEquals("usdexportudimtest", call().defaults("{\"scene\": \"" + scene + "\"}").get("assetProject").getAsString());
    }

    @Test
    void thePlanLeavesOutAReferenceExcludedAsNamedAndNeverTheScene() {
        Path scene = TestScenes.testData("maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma");
        Path texture = scene.resolveSibling("deadline_logo_48x48.png");
        String named = "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/deadline_logo_48x48.png";
        JsonObject a = new JsonObject();
        a.addProperty("path", named);
        a.addProperty("status", "found");
        JsonArray files = new JsonArray();
        files.add(texture.toString());
        a.add("files", files);
        JsonObject req = new JsonObject();
        req.addProperty("scene", scene.toString());
        JsonArray assets = new JsonArray();
        assets.add(a);
        req.add("assets", assets);
        JsonObject all = call().plan(req.toString());
        assertEquals("cube", all.get("assetProject").getAsString()); // no Maya project given: cube.ma's name
        assertEquals("fgrp-cube", all.get("container").getAsString());
        assertEquals(2, all.getAsJsonArray("paths").size());
        JsonArray excluded = new JsonArray();
        excluded.add(named);
        excluded.add(scene.toString());
        req.add("excluded", excluded);
        req.addProperty("assetProject", "Mine");
        JsonObject plan = call().plan(req.toString());
        assertEquals("[\"" + scene.toAbsolutePath().normalize() + "\"]", plan.getAsJsonArray("paths").toString());
        assertEquals("Mine", plan.get("assetProject").getAsString());
    }
}

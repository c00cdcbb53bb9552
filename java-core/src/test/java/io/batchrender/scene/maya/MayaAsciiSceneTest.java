package io.batchrender.scene.maya;

import static io.batchrender.scene.maya.MayaTestData.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Maya ASCII scenes from the shared test data; every expected value was read from the file with grep. */
class MayaAsciiSceneTest {

    private static Recorder readAscii(String relative) {
        Recorder r = new Recorder();
        new MayaAsciiReader().read(MayaTestData.maya(relative), r);
        return r;
    }

    @Test
    void cubeReferencesABinarySceneAndATextureOnSomeoneElsesDisk() {
        Recorder r = readAscii(DEADLINE + "cube/scene/cube.ma");
        String referenced = "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/scene_file_to_reference.mb";
        assertEquals(List.of(
                new MayaFileReference(referenced, Optional.of("mayaBinary"), Optional.of("scene_file_to_reference"),
                        Optional.of("scene_file_to_referenceRN"), 1, false, false),
                new MayaFileReference(referenced, Optional.of("mayaBinary"), Optional.of("scene_file_to_reference"),
                        Optional.of("scene_file_to_referenceRN"), 1, true, true)),
                r.references);
        assertEquals(List.of("maya 2023", "stereoCamera 10.0", "mtoa 5.1.0"), r.requires);
        assertEquals("Maya 2023", r.fileInfo.get("product"));
        assertEquals("Windows 10 Enterprise v2009 (Build: 19045)", r.fileInfo.get("osv"));
        assertEquals("file", r.nodeTypes.get("file1"));
        assertEquals("D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/deadline_logo_48x48.png",
                r.string("file1", "ftn"));
        assertEquals("sRGB", r.string("file1", "cs"));
        assertEquals(Optional.of("persp"), r.parents.get("perspShape"));
        assertEquals("camera", r.nodeTypes.get("perspShape"));
        assertEquals(Optional.of("pCube1"), r.parents.get("pCubeShape1"));
        assertEquals("aiOptions", r.nodeTypes.get("defaultArnoldRenderOptions"));
        assertEquals("reference", r.nodeTypes.get("scene_file_to_referenceRN"));
        // defaultRenderGlobals: no .ren line, so the renderer is Maya's default; the image format is exr.
        assertEquals(Optional.empty(), r.find(":defaultRenderGlobals", "ren"));
        assertEquals("exr", r.string(":defaultRenderGlobals", "imfkey"));
        assertEquals("lambert1", r.string(":defaultRenderGlobals", "dss"));
        assertEquals("<MAYA_RESOURCES>/OCIO-configs/Maya2022-default/config.ocio", r.string(":defaultColorMgtGlobals", "cfp"));
        assertEquals(List.of("537"), r.attr(":time1", "o").values());
        assertTrue(r.connections.contains("place2dTexture1.o -> file1.uv"));
        assertTrue(r.connections.contains(":defaultArnoldDisplayDriver.msg -> :defaultArnoldRenderOptions.drivers"),
                "a connectAttr that continues on the next line");
    }

    @Test
    void cubeCodesetIs1252() throws IOException {
        try (InputStream in = Files.newInputStream(MayaTestData.maya(DEADLINE + "cube/scene/cube.ma"))) {
            byte[] head = in.readNBytes(200);
            assertEquals(Optional.of("1252"), MayaCodeset.find(head, head.length));
        }
        assertEquals("windows-1252", MayaCodeset.charset("1252").name());
    }

    @Test
    void cubeUiScriptIsJoinedFromItsPiecesWithItsEscapesUndone() {
        String script = readAscii(DEADLINE + "cube/scene/cube.ma").string("uiConfigurationScriptNode", "b");
        assertTrue(script.startsWith("// Maya Mel UI Configuration File.\n//\n//  This script is machine generated."), script);
        assertTrue(script.endsWith("viewManip -drawCompass 0 -compassAngle 0 -frontParameters \"\" -homeParameters \"\" "
                + "-selectionLockParameters \"\";\n}\n"), script.substring(script.length() - 200));
        assertTrue(script.contains("-camera \"|top\" \n"), "escaped quotes and newlines are undone");
        assertFalse(script.contains("\"\n\t\t+ \""), "no seams between the joined pieces");
        assertEquals("playbackOptions -min 537 -max 583 -ast 0 -aet 3000 ", readAscii(DEADLINE + "cube/scene/cube.ma")
                .string("sceneConfigurationScriptNode", "b"));
    }

    @Test
    void renderersSavedInDefaultRenderGlobals() {
        assertEquals("arnold", readAscii(DEADLINE + "layers/scene/layers.ma").string(":defaultRenderGlobals", "ren"));
        assertEquals("renderman", readAscii(DEADLINE + "renderman/scene/renderman.ma").string(":defaultRenderGlobals", "ren"));
        assertEquals("mayaHardware2", readAscii("maya-usd/test/testSamples/MaterialX/color_management.ma")
                .string(":defaultRenderGlobals", "ren"));
    }

    @Test
    void layersHasRenderSetupLayers() {
        Recorder r = readAscii(DEADLINE + "layers/scene/layers.ma");
        assertEquals("renderSetupLayer", r.nodeTypes.get("layerFrameRange1"));
        assertEquals("renderLayer", r.nodeTypes.get("rs_layerFrameRange1"));
        assertEquals(List.of("yes"), r.attr(":defaultRenderGlobals", "an").values());
    }

    @Test
    void referencedLayersListsAnAsciiReferenceBesideItAndOneOnAMac() {
        Recorder r = readAscii(DEADLINE + "referenced_layers/scene/referenced_layers.ma");
        String mac = "/Users/rmvh/work/deadline/deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/scene_file_to_reference.ma";
        assertEquals(List.of(
                new MayaFileReference("ref.ma", Optional.of("mayaAscii"), Optional.of("ref"), Optional.of("imported_scene_refRN"), 1, false, false),
                new MayaFileReference("ref.ma", Optional.of("mayaAscii"), Optional.of("ref"), Optional.of("imported_scene_refRN"), 1, true, true),
                new MayaFileReference(mac, Optional.of("mayaAscii"), Optional.of("scene_file_to_reference"),
                        Optional.of("scene_file_to_referenceRN"), 1, false, false),
                new MayaFileReference(mac, Optional.of("mayaAscii"), Optional.of("scene_file_to_reference"),
                        Optional.of("scene_file_to_referenceRN"), 1, true, true)),
                r.references);
        assertTrue(r.requires.contains("RenderMan_for_Maya.py 25.2 @ 2282507"), r.requires.toString());
    }

    @Test
    void udimTextureAndItsTilingMode() {
        Recorder r = readAscii("maya-usd/test/lib/usd/translators/UsdExportImportUDIMTest/UsdExportUDIMTest.ma");
        assertEquals("UdimTest_1001_color.png", r.string("file1", "ftn"));
        assertEquals(List.of("3"), r.attr("file1", "uvt").values(), "uvTilingMode 3 = UDIM");
        assertEquals("Microsoft Windows 8 Business Edition, 64-bit  (Build 9200)\n", r.fileInfo.get("osv"));
        assertEquals(List.of("maya 2018", "stereoCamera 10.0"), r.requires);
    }

    @Test
    void instancerSceneNamesItsParticleCache() {
        Recorder r = readAscii("maya-usd/plugin/pxr/maya/lib/pxrUsdMayaGL/testenv/InstancerDrawTest/InstancerDrawTest.ma");
        assertEquals("cacheFile", r.nodeTypes.get("nParticlesCache1"));
        assertEquals("./nCache/", r.string("nParticlesCache1", "cp"));
        assertEquals("nParticles", r.string("nParticlesCache1", "cn"));
        assertEquals(List.of("maya 2016", "pxrUsd 1.0"), r.requires);
    }

    @Test
    void workspaceMelFileRules() {
        Path mel = MayaTestData.maya(DEADLINE + "workspace.mel");
        Recorder r = MayaTestData.read(mel); // "//Maya 2023 Project Definition": read as Maya ASCII
        assertEquals(70, r.workspaceRules.size());
        assertEquals("images", r.workspaceRules.get("images"));
        assertEquals("cache/nCache/fluid", r.workspaceRules.get("fluidCache"));
        assertEquals("data", r.workspaceRules.get("STEP_ATF Export"));
        assertEquals("renderData/shaders", r.workspaceRules.get("shaders"));
    }
}

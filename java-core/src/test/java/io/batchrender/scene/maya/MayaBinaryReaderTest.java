package io.batchrender.scene.maya;

import static io.batchrender.scene.maya.IffBuilder.ascii;
import static io.batchrender.scene.maya.IffBuilder.bytes;
import static io.batchrender.scene.maya.IffBuilder.join;
import static io.batchrender.scene.maya.IffBuilder.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maya Binary scenes. The expected values were read from the files with xxd and a throwaway IFF walker: each
 * node group's form type, its CREA name (and parent), its STR chunks.
 */
class MayaBinaryReaderTest {

    @TempDir
    Path tmp;

    private static Recorder readBinary(String relative) {
        Recorder r = new Recorder();
        new MayaBinaryReader().read(MayaTestData.maya(relative), r);
        return r;
    }

    @Test
    void maya2015SceneWithTwoMissingTextures() {
        // FOR8, VERS 2015: no UUIDs in CREA chunks; file1/file2 are RTFT groups with an ftn STR chunk.
        Recorder r = readBinary("azure-batch-maya/tests/data/empty.mb");
        assertEquals(List.of("maya 2015"), r.requires);
        assertEquals("Maya 2015", r.fileInfo.get("product"));
        assertEquals("201402282131-909040", r.fileInfo.get("cutIdentifier"));
        assertEquals("file", r.nodeTypes.get("file1"));
        assertEquals("file", r.nodeTypes.get("file2"));
        assertEquals("C:/Users/antisch/Pictures/butterfly.png", r.string("file1", "ftn"));
        assertEquals("D:/Test_Data/0012.png", r.string("file2", "ftn"));
        assertEquals("place2dTexture", r.nodeTypes.get("place2dTexture1"));
        assertEquals("transform", r.nodeTypes.get("persp"));
        assertEquals(Optional.empty(), r.parents.get("persp"));
        assertEquals("camera", r.nodeTypes.get("perspShape"));
        assertEquals(Optional.of("persp"), r.parents.get("perspShape"));
        assertEquals("mesh", r.nodeTypes.get("pSphereShape4"));
        assertEquals(Optional.of("pSphere4"), r.parents.get("pSphereShape4"));
        assertEquals("ambientLight", r.nodeTypes.get("ambientLightShape2"));
        assertEquals("lambert", r.nodeTypes.get("lambert2"));
        assertEquals("shadingEngine", r.nodeTypes.get("lambert2SG"));
        assertEquals("materialInfo", r.nodeTypes.get("materialInfo1"));
        assertEquals("script", r.nodeTypes.get("uiConfigurationScriptNode"));
        assertEquals("playbackOptions -min 1 -max 120 -ast 1 -aet 200 ", r.string("sceneConfigurationScriptNode", "b"));
        assertEquals("Ambient+Diffuse", r.string("pSphereShape1", "dcc"));
        assertEquals("map1", r.string("pSphereShape1", "uvst[0].uvsn"));
    }

    @Test
    void maya2017SceneWithArnoldAndVRay() {
        Recorder r = readBinary("BatchExplorer-data/runner/Assets/maya.mb");
        assertEquals(List.of("maya 2017", "mtoa 1.3.0.0", "vrayformaya 3.52.02"), r.requires);
        assertEquals("3.52.02 45aa5cc", r.fileInfo.get("vrayBuild"));
        // Plug-in node types come from the PLUG chunks: aiOptions = 0x00115C00, VRaySettingsNode = 0x000001FA.
        assertEquals("aiOptions", r.nodeTypes.get("defaultArnoldRenderOptions"));
        assertEquals("aiAOVDriver", r.nodeTypes.get("defaultArnoldDisplayDriver"));
        assertEquals("aiAOVFilter", r.nodeTypes.get("defaultArnoldFilter"));
        assertEquals("VRaySettingsNode", r.nodeTypes.get("vraySettings"));
        assertEquals("C:/Users/mrollitt/Desktop/vraysec.mb", r.string("vraySettings", "mSceneName"));
        assertEquals("", r.string("vraySettings", "cfile"));
        assertEquals("1.3.0.0", r.string("defaultArnoldRenderOptions", "version"));
        // Maya 2017 CREA chunks end in a 16-byte UUID; world nodes have flag 0x80 and no parent.
        assertEquals(Optional.empty(), r.parents.get("persp"));
        assertEquals(Optional.empty(), r.parents.get("pSphere1"));
        assertEquals(Optional.of("pSphere1"), r.parents.get("pSphereShape1"));
        assertEquals(Optional.of("pCube1"), r.parents.get("pCubeShape1"));
        assertEquals("blinn", r.nodeTypes.get("blinn1"));
        assertEquals("exr", r.string(":defaultRenderGlobals", "imfkey"));
        assertEquals(Optional.empty(), r.find(":defaultRenderGlobals", "ren"), "no current renderer saved");
        MayaSetAttr otfna = r.attr(":hardwareRenderingGlobals", "otfna");
        assertEquals(Optional.of("stringArray"), otfna.type());
        assertEquals(23, otfna.values().size());
        assertEquals(List.of("22", "NURBS Curves", "NURBS Surfaces"), otfna.values().subList(0, 3));
        assertEquals("Ornaments", otfna.values().get(22));
        assertEquals("polySphere1.out -> pSphereShape1.i", r.connections.get(0));
        assertEquals(":defaultArnoldDisplayDriver.msg -> :defaultArnoldRenderOptions.drivers", r.connections.get(4));
        assertEquals(20, r.connections.size());
    }

    @Test
    void vraySceneSavesVRayAsTheRenderer() {
        Recorder r = readBinary("BatchExplorer-data/runner/Assets/maya-vray.mb");
        assertEquals("vray", r.string(":defaultRenderGlobals", "ren"));
        assertEquals("directionalLight", r.nodeTypes.get("directionalLightShape1"));
        assertEquals(Optional.of("directionalLight1"), r.parents.get("directionalLightShape1"));
    }

    @Test
    void deadlineReferencedSceneSavesArnoldAndAColourConfig() {
        Recorder r = readBinary(MayaTestData.DEADLINE + "cube/scene/scene_file_to_reference.mb");
        assertEquals(List.of("maya 2023", "stereoCamera 10.0", "mtoa 5.1.0"), r.requires);
        assertEquals("arnold", r.string(":defaultRenderGlobals", "ren"));
        assertEquals("<MAYA_RESOURCES>/OCIO-configs/Maya2022-default/config.ocio", r.string(":defaultColorMgtGlobals", "cfp"));
        assertEquals("ACEScg", r.string(":defaultColorMgtGlobals", "wsn"));
        assertEquals("5.1.0", r.string("defaultArnoldRenderOptions", "version"));
    }

    @Test
    void rigLayoutHierarchyAndColourConfig() {
        Recorder r = readBinary("maya-usd/test/testSamples/switchVariants/rig.layout.mb");
        assertEquals(List.of("maya 2020", "stereoCamera 10.0"), r.requires);
        assertEquals("8819BC80-0002-13AE-6463-BE55000002EB", r.fileInfo.get("UUID"));
        assertEquals("/laika/depts/prod_tech/jobs/template_show/.etc/ocio/config.v13.ocio",
                r.string(":defaultColorMgtGlobals", "cfp"));
        assertEquals("lambert1", r.string(":defaultRenderGlobals", "dss"));
        assertEquals(Optional.empty(), r.parents.get("cube"));
        assertEquals(Optional.of("cube"), r.parents.get("geo"));
        assertEquals(Optional.of("geo"), r.parents.get("mesh"));
        assertEquals(Optional.of("mesh"), r.parents.get("meshShapeOrig"));
        assertEquals("joint", r.nodeTypes.get("root"));
        assertEquals(Optional.of("root_ctrl"), r.parents.get("root"));
        assertEquals("nurbsCurve", r.nodeTypes.get("root_ctrlShape"));
        assertEquals("skinCluster", r.nodeTypes.get("skinCluster1"));
        assertEquals("tweak", r.nodeTypes.get("tweak1"));
        assertEquals("objectSet", r.nodeTypes.get("skinCluster1Set"));
        assertEquals("dagPose", r.nodeTypes.get("bindPose1"));
        assertEquals("Ambient+Diffuse", r.string("meshShapeOrig", "dcc"));
    }

    @Test
    void rigAnimHasACircleMaker() {
        Recorder r = readBinary("maya-usd/test/testSamples/switchVariants/rig.anim.mb");
        assertEquals("makeNurbCircle", r.nodeTypes.get("makeNurbCircle1"));
        assertEquals(Optional.of("top_ctrl"), r.parents.get("top_jnt"));
    }

    // Synthetic files: layouts no real file here has (FOR4, unknown ids, references).

    /** The form type of a plug-in node that the sample's PLUG chunk declares as myNode (id 0x00123456). */
    private static final String MY_NODE_ID = "\u0000\u0012\u0034\u0056";

    private Recorder readBytes(byte[] file) throws IOException {
        Path p = Files.write(tmp.resolve("synthetic.mb"), file);
        Recorder r = new Recorder();
        new MayaBinaryReader().read(p, r);
        return r;
    }

    private static byte[] sampleScene(IffBuilder b) {
        return b.scene(
                b.form("HEAD", b.leaf("VERS", ascii("2012")), b.leaf("FINF", strings("product", "Maya 2012")),
                        b.leaf("PLUG", join(strings("myPlugin", "1.0", ""), strings("myNode"), bytes(0x00, 0x12, 0x34, 0x56)))),
                b.form("XFRM", b.leaf("CREA", join(bytes(0x0c), strings("grp")))),
                b.form("RTFT", b.leaf("CREA", join(bytes(0x00), strings("file1"))),
                        b.leaf("DBLE", join(strings("ufe"), bytes(0x20, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0))),
                        b.leaf("STR ", join(strings("ftn"), bytes(0x20), strings("tex/a b.png")))),
                b.form(MY_NODE_ID, b.leaf("CREA", join(bytes(0x04), strings("mine", "grp")))),
                b.form("ZZZZ", b.leaf("CREA", join(bytes(0x00), strings("odd")))),
                b.group(b.wideTag("LIS"), "CONS", b.form("CONN", b.leaf("CWFL", join(bytes(0x00), strings("a.o", "file1.uv"))))));
    }

    @Test
    void for8SyntheticScene() throws IOException {
        assertSample(readBytes(sampleScene(new IffBuilder(true))));
    }

    @Test
    void for4SyntheticSceneReadsTheSame() throws IOException {
        // No FOR4 file was at hand: this pins the classic 32-bit layout (4-byte sizes, 4-byte padding).
        assertSample(readBytes(sampleScene(new IffBuilder(false))));
    }

    private static void assertSample(Recorder r) {
        assertEquals(List.of("requires maya 2012", "fileInfo product", "requires myPlugin 1.0", "createNode transform grp",
                "createNode file file1", "setAttr file1.ufe [1]",
                "setAttr file1.ftn [tex/a b.png]", "createNode myNode mine -p grp",
                "createNode ?ZZZZ odd", "connectAttr a.o file1.uv"), r.events);
    }

    @Test
    void unknownBinaryTypeIdsAreNamedByTheirHexValue() throws IOException {
        IffBuilder b = new IffBuilder(true);
        byte[] file = b.scene(b.group("FOR8", "\u0012\u0034\u0056\u0078", b.leaf("CREA", join(bytes(0x80), strings("n")))),
                b.group("FOR8", "\u0000\u0011\\\u0001", b.leaf("CREA", join(bytes(0x80), strings("standIn")))));
        Recorder r = readBytes(file);
        assertEquals(Map.of("n", "?0x12345678", "standIn", "aiStandIn"), r.nodeTypes);
    }

    @Test
    void fileReferenceChunksGiveTheirPath() throws IOException {
        // Unconfirmed layout (no real file here has a reference): FREF data starts with the path.
        IffBuilder b = new IffBuilder(true);
        Recorder r = readBytes(b.scene(b.form("FREF", b.leaf("FREF", strings("scenes/char.mb")))));
        assertEquals(List.of(new MayaFileReference("scenes/char.mb", Optional.empty(), Optional.empty(), Optional.empty(), 1,
                false, true)), r.references);
    }
}

package io.batchrender.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.assets.ResolvedAsset;
import io.batchrender.render.TestScenes;
import io.batchrender.scene.maya.MayaSceneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans of the real scenes in shared/testdata. Every expected value was read from the scene files
 * (grep of the .ma text) and from listing the folders beside them.
 */
class SceneScannerTest {

    private static final String DEADLINE = "maya/deadline-cloud-for-maya/job_bundle_output_tests/";

    @TempDir
    Path tmp;

    private SceneManifest scan(Path scene) {
        return new SceneScanner(List.of(), tmp, Map.of()).scan(scene);
    }

    private static ResolvedAsset asset(SceneManifest m, String node) {
        return m.assets().stream().map(SceneManifest.SceneAsset::asset).filter(a -> a.ref().node().equals(node))
                .findFirst().orElseThrow(() -> new AssertionError("no asset on node " + node));
    }

    @Test
    void aTextureWrittenForSomeoneElsesDiskResolvesToTheCopyBesideTheScene() {
        Path scene = TestScenes.testData(DEADLINE + "cube/scene/cube.ma");
        SceneManifest m = scan(scene);

        // cube.ma: file1.ftn = "D:/deadline-clients/.../cube/deadline_logo_48x48.png"; the png sits beside the scene
        ResolvedAsset logo = asset(m, "file1");
        assertEquals(ResolvedAsset.Status.FOUND, logo.status());
        assertEquals(List.of(scene.getParent().resolve("deadline_logo_48x48.png")), logo.files());
        assertEquals(Optional.of("scene-folder"), logo.foundBy());
        // the referenced Maya Binary scene, also written with a D:/ path
        ResolvedAsset ref = asset(m, "scene_file_to_referenceRN");
        assertEquals(List.of(scene.getParent().resolve("scene_file_to_reference.mb")), ref.files());
        // the project is the folder holding workspace.mel, one level above cube/
        assertEquals(Optional.of(TestScenes.testData(DEADLINE + "workspace.mel").getParent()), m.project());
        // Maya's own OCIO config (<MAYA_RESOURCES>/...) ships with Maya: not a file to upload
        assertTrue(m.assets().stream().noneMatch(a -> a.asset().ref().path().startsWith("<MAYA_RESOURCES>")));
    }

    @Test
    void renderSettingsComeFromTheFileWithMayasDefaults() {
        SceneManifest m = scan(TestScenes.testData(DEADLINE + "cube/scene/cube.ma"));

        RenderSettings s = m.settings().orElseThrow();
        assertEquals("mayaSoftware", s.renderer(), "cube.ma writes no .ren: Maya's default renderer");
        // ...but it requires mtoa (requires -nodeType "aiOptions" ... "mtoa" "5.1.0"), so the artist is told
        assertTrue(m.rendererHint().orElseThrow().contains("requires mtoa"), m.rendererHint().toString());
        assertTrue(m.rendererHint().get().contains("--renderer arnold"));
        assertFalse(s.animation(), "no .an: animation off");
        assertEquals("537", s.frames(), "animation off renders the current time, :time1 .o 537");
        assertEquals("<Scene>", s.outputPrefix());
        assertEquals(new Resolution(960, 540), s.resolution());
        assertEquals(List.of("perspShape"), s.cameras(), "top/front/side have .rnd no");
        assertEquals("masterLayer", s.layers().get(0).name());
    }

    @Test
    void renderSetupLayersCarryTheirOverrides() {
        SceneManifest m = scan(TestScenes.testData(DEADLINE + "layers/scene/layers.ma"));
        Map<String, RenderLayer> layers = new java.util.HashMap<>();
        m.settings().orElseThrow().layers().forEach(l -> layers.put(l.name(), l));

        assertEquals("arnold", m.settings().orElseThrow().renderer());
        assertTrue(m.rendererHint().isEmpty(), "layers.ma sets .ren arnold");
        assertEquals("1-10", m.settings().orElseThrow().frames(), ".an yes, no .fs/.ef: Maya's 1 to 10");
        // startFrame1 .atv 20 / endFrame1 .atv 30 in RenderSettingsCollection1 under renderSetupLayer2
        assertEquals("20-30", layers.get("renderSetupLayer2").frames());
        // endFrame2 is relative (.mul 1, .ofs 10) on 10; width1/height1 1920x1080
        assertEquals("1-20", layers.get("renderSetupLayer4").frames());
        assertEquals(new Resolution(1920, 1080), layers.get("renderSetupLayer4").resolution());
        // startFrame2 relative (.ofs 4) on 1; rs_notRenderableLayer .rndr no; imageFilePrefix .atv "image_file_prefix_"
        RenderLayer off = layers.get("notRenderableLayer");
        assertEquals("5-10", off.frames());
        assertFalse(off.renderable());
        assertEquals("image_file_prefix_", off.outputPrefix());
        assertEquals("layer_specific_file_prefix_", layers.get("layerDefaultFrames").outputPrefix());
        assertTrue(layers.get("masterLayer").renderable());
    }

    @Test
    void eachLayerRendersTheCamerasItsAdjustmentsAndOverridesLeaveOn() {
        SceneManifest m = scan(TestScenes.testData(DEADLINE + "layers/scene/layers.ma"));
        Map<String, List<String>> cams = new java.util.HashMap<>();
        m.settings().orElseThrow().layers().forEach(l -> cams.put(l.name(), l.cameras()));

        // cameraShape2/3 have .rnd no; defaultRenderLayer .adjs[0] (plug cameraShape1.rnd) is 0: master renders persp only
        assertEquals(List.of("perspShape"), m.settings().orElseThrow().cameras());
        assertEquals(List.of("perspShape"), cams.get("masterLayer"));
        // renderable5 (.atv yes) on the collection selecting |camera1|cameraShape1, under layerFrameRange1
        assertEquals(List.of("perspShape", "cameraShape1"), cams.get("layerFrameRange1"));
        // renderSetupLayer2: persp off (renderable, no .atv), cameras 1-3 on (renderable4, 3, 2 .atv yes)
        assertEquals(List.of("cameraShape1", "cameraShape2", "cameraShape3"), cams.get("renderSetupLayer2"));
        // layerDefaultFrames: persp off (renderable1), cameraShape1 off as on the master layer
        assertEquals(List.of(), cams.get("layerDefaultFrames"));
        assertEquals(List.of("perspShape"), cams.get("renderSetupLayer4"));
    }

    @Test
    void aRenderManTextureTravelsWithTheTexFileBesideIt() {
        Path scene = TestScenes.testData(DEADLINE + "renderman/scene/renderman.ma");
        ResolvedAsset tex = asset(scan(scene), "PxrTexture1");

        // PxrTexture1.filename names deadline_logo_48x48.png; deadline_logo_48x48.png.tex sits beside the scene
        assertEquals(List.of(scene.getParent().resolve("deadline_logo_48x48.png"),
                scene.getParent().resolve("deadline_logo_48x48.png.tex")), tex.files());
    }

    @Test
    void udimTilesAreEveryTileOnDisk() {
        Path scene = TestScenes.testData("maya/maya-usd/test/lib/usd/translators/UsdExportImportUDIMTest/UsdExportUDIMTest.ma");
        ResolvedAsset udim = asset(scan(scene), "file1");

        // .ftn "UdimTest_1001_color.png" with .uvt 3 (UDIM); tiles 1001-1003 are in the folder
        assertEquals(List.of(1001, 1002, 1003).stream()
                .map(t -> scene.getParent().resolve("UdimTest_" + t + "_color.png")).toList(), udim.files());
    }

    @Test
    void anNParticleCacheResolvesToItsDescriptionAndData() {
        Path scene = TestScenes.testData("maya/maya-usd/plugin/pxr/maya/lib/pxrUsdMayaGL/testenv/InstancerDrawTest/InstancerDrawTest.ma");
        SceneManifest m = scan(scene);

        List<Path> files = m.assets().stream().flatMap(a -> a.asset().files().stream()).toList();
        assertTrue(files.contains(scene.getParent().resolve("nCache/nParticles.xml")), files.toString());
        assertTrue(files.contains(scene.getParent().resolve("nCache/nParticles.mcx")), files.toString());
        assertTrue(files.contains(scene.getParent().resolve("CubeModel.usda")), "the USD stage of the proxy shape");
        assertEquals(0, m.missing());
    }

    @Test
    void texturesOnADiskThatIsNotHereAreReportedMissing() {
        SceneManifest m = scan(TestScenes.testData("maya/azure-batch-maya/tests/data/empty.mb"));

        assertEquals("C:/Users/antisch/Pictures/butterfly.png", asset(m, "file1").ref().path());
        assertEquals(ResolvedAsset.Status.MISSING, asset(m, "file1").status());
        assertEquals(ResolvedAsset.Status.MISSING, asset(m, "file2").status());
        assertEquals(2, m.missing());
    }

    @Test
    void renderSettingsOfAMayaBinarySceneComeFromItsNumericChunks() {
        // maya-arnold.mb, SLCT :defaultRenderGlobals: DBLE an = 1.0, ef = 00 26 25 a0 = 2,500,000 ticks at
        // 6000/s (no TDUR) in film (24 fps) = frame 10000, no fs (Maya's 1), outf = 32.0 (png), no ren, no pad;
        // :defaultResolution holds only pa, so Maya's default size; top/front/side cameras have rnd = 0.0.
        RenderSettings s = scan(TestScenes.testData("maya/BatchExplorer-data/runner/Assets/maya-arnold.mb")).settings().orElseThrow();
        assertTrue(s.animation());
        assertEquals("1-10000", s.frames());
        assertEquals("mayaSoftware", s.renderer(), "no .ren STR chunk: Maya's default");
        assertEquals("png", s.imageFormat());
        assertEquals(1, s.padding());
        assertEquals(new Resolution(960, 540), s.resolution());
        assertEquals(List.of("perspShape"), s.cameras());
    }

    @Test
    void aMayaBinarySceneWithAnimationOffRendersItsCurrentFrame() {
        // no .an chunk; :time1 o = 00 00 00 00 bc 34 8a c0 = 3,157,560,000 ticks at TDUR 141120000/s, film = 537
        // (the .ma twin in referenced_layers/ writes setAttr ".o" 537); ren = "arnold", imfkey "exr"
        RenderSettings s = scan(TestScenes.testData(DEADLINE + "cube/scene/scene_file_to_reference.mb")).settings().orElseThrow();
        assertFalse(s.animation());
        assertEquals("537", s.frames());
        assertEquals("arnold", s.renderer());
        assertEquals(List.of("perspShape"), s.cameras(), "top/front/side have rnd = 0.0");
    }

    @Test
    void anUnloadedReferenceIsListedButNotReadNorNeeded() throws Exception {
        // cube.ma's reference lines as Maya wrote them (-dr 1 on the -r line, the -rdi line without: loaded),
        // pointed at a referenced scene of ours that needs a texture
        Path cube = TestScenes.testData(DEADLINE + "cube/scene/cube.ma");
        String text = Files.readString(cube, java.nio.charset.StandardCharsets.ISO_8859_1);
        String written = "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/"
                + "scene_file_to_reference.mb";
        assertEquals(2, text.split(java.util.regex.Pattern.quote(written), -1).length - 1, "the -rdi and -r lines");
        text = text.replace(written, "ref.ma").replace("-typ \"mayaBinary\"", "-typ \"mayaAscii\"");
        Files.writeString(tmp.resolve("ref.ma"), "//Maya ASCII 2023 scene\n//Codeset: UTF-8\n"
                + "createNode file -n \"wood\";\n\tsetAttr \".ftn\" -type \"string\" \"wood.png\";\n");
        Files.writeString(tmp.resolve("wood.png"), "png");
        Path loaded = Files.writeString(tmp.resolve("loaded.ma"), text);
        String rdi = "file -rdi 1 -ns \"scene_file_to_reference\" -rfn";
        assertTrue(text.contains(rdi));
        Path unloaded = Files.writeString(tmp.resolve("unloaded.ma"),
                text.replace(rdi, "file -rdi 1 -ns \"scene_file_to_reference\" -dr 1 -rfn"));

        SceneManifest asSaved = scan(loaded);
        assertFalse(reference(asSaved).unloaded());
        assertEquals(List.of(tmp.resolve("wood.png")), asset(asSaved, "wood").files());

        SceneManifest m = scan(unloaded);
        assertTrue(reference(m).unloaded());
        assertEquals(List.of(tmp.resolve("ref.ma")), reference(m).asset().files());
        assertTrue(m.assets().stream().noneMatch(a -> a.asset().ref().node().equals("wood")),
                "an unloaded reference is not read");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ref.ma{1}", "ref.ma"})
    void aFileReferencedTwiceOnceUnloadedIsListedOnceAsLoaded(String secondPath) throws Exception {
        // cube.ma's reference lines as Maya wrote them, and a second copy of the same file as Maya writes one
        // (namespace and node numbered, the path with its copy number {1}, or without one as some scenes have it,
        // e.g. zclongpop123/asset_exporter's example/test_scene2.ma); the first copy unloaded (-dr 1 on its
        // -rdi line), the second loaded
        Path cube = TestScenes.testData(DEADLINE + "cube/scene/cube.ma");
        String text = Files.readString(cube, java.nio.charset.StandardCharsets.ISO_8859_1);
        String written = "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/"
                + "scene_file_to_reference.mb";
        text = text.replace(written, "ref.ma").replace("-typ \"mayaBinary\"", "-typ \"mayaAscii\"");
        String rdi = "file -rdi 1 -ns \"scene_file_to_reference\" -rfn";
        assertTrue(text.contains(rdi));
        text = text.replace(rdi, "file -rdi 1 -ns \"scene_file_to_reference\" -dr 1 -rfn");
        String second = "file -rdi 1 -ns \"scene_file_to_reference1\" -rfn \"scene_file_to_referenceRN1\" "
                + "-typ \"mayaAscii\" \"" + secondPath + "\";\n";
        int firstFile = text.indexOf("file -r");
        text = text.substring(0, firstFile) + second + text.substring(firstFile);
        Files.writeString(tmp.resolve("ref.ma"), "//Maya ASCII 2023 scene\n//Codeset: UTF-8\n"
                + "createNode file -n \"wood\";\n\tsetAttr \".ftn\" -type \"string\" \"wood.png\";\n");
        Files.writeString(tmp.resolve("wood.png"), "png");

        SceneManifest m = scan(Files.writeString(tmp.resolve("twice.ma"), text));

        List<SceneManifest.SceneAsset> refs = m.assets().stream()
                .filter(a -> a.asset().ref().nodeType().equals("reference")).toList();
        assertEquals(1, refs.size(), "one file, listed once");
        assertFalse(refs.get(0).unloaded(), "the loaded copy needs it");
        assertEquals(List.of(tmp.resolve("ref.ma")), refs.get(0).asset().files());
        assertEquals(List.of(tmp.resolve("wood.png")), asset(m, "wood").files(), "and it is read");
    }

    private static SceneManifest.SceneAsset reference(SceneManifest m) {
        return m.assets().stream().filter(a -> a.asset().ref().node().equals("scene_file_to_referenceRN"))
                .findFirst().orElseThrow();
    }

    @Test
    void everythingBelowAnUnloadedReferenceIsUnloadedAndAMissingOneIsNotMissing() throws Exception {
        // -rdi lines list the reference tree depth first: b (unloaded) holds c; d is loaded
        Files.writeString(tmp.resolve("a.ma"), "//Maya ASCII 2023 scene\n//Codeset: UTF-8\n"
                + "file -rdi 1 -ns \"b\" -dr 1 -rfn \"bRN\" -typ \"mayaAscii\" \"gone/b.ma\";\n"
                + "file -rdi 2 -ns \"c\" -rfn \"b:cRN\" -typ \"mayaAscii\" \"gone/c.ma\";\n"
                + "file -rdi 1 -ns \"d\" -rfn \"dRN\" -typ \"mayaAscii\" \"gone/d.ma\";\n"
                + "file -r -ns \"b\" -dr 1 -rfn \"bRN\" -typ \"mayaAscii\" \"gone/b.ma\";\n"
                + "file -r -ns \"d\" -dr 1 -rfn \"dRN\" -typ \"mayaAscii\" \"gone/d.ma\";\n"
                + "requires maya \"2023\";\n");

        SceneManifest m = scan(tmp.resolve("a.ma"));

        Map<String, Boolean> unloaded = new java.util.HashMap<>();
        m.assets().forEach(a -> unloaded.put(a.asset().ref().node(), a.unloaded()));
        assertEquals(Map.of("bRN", true, "b:cRN", true, "dRN", false), unloaded);
        assertEquals(1, m.missing(), "only the loaded reference's absence matters");
    }

    @Test
    void referencedScenesAreReadOnceEvenInACycle() throws Exception {
        Path tex = Files.writeString(tmp.resolve("wood.png"), "png");
        Files.writeString(tmp.resolve("a.ma"), "//Maya ASCII 2023 scene\n//Codeset: UTF-8\n"
                + "file -r -ns \"b\" -rfn \"bRN\" -typ \"mayaAscii\" \"b.ma\";\nrequires maya \"2023\";\n");
        Files.writeString(tmp.resolve("b.ma"), "//Maya ASCII 2023 scene\n//Codeset: UTF-8\n"
                + "file -r -ns \"a\" -rfn \"aRN\" -typ \"mayaAscii\" \"a.ma\";\n"
                + "createNode file -n \"wood\";\n\tsetAttr \".ftn\" -type \"string\" \"wood.png\";\n");

        SceneManifest m = scan(tmp.resolve("a.ma"));

        assertEquals(List.of(tex), asset(m, "wood").files(), "the texture of the referenced scene is included");
        assertEquals(1, m.assets().stream().filter(a -> a.asset().ref().node().equals("wood")).count());
    }

    @Test
    void aSceneThatCannotBeReadIsAOneLineError() throws Exception {
        MayaSceneException missing = assertThrows(MayaSceneException.class, () -> scan(tmp.resolve("nope.ma")));
        assertFalse(missing.getMessage().contains("\n"));
        Path garbage = Files.write(tmp.resolve("garbage.ma"), new byte[] {0, 1, 2, 3, (byte) 0xff, 42});
        assertThrows(MayaSceneException.class, () -> scan(garbage));
        assertThrows(MayaSceneException.class, () -> scan(tmp));
    }
}

package io.batchrender.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.render.TestScenes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renderers that keep their output settings on their own node. Expected values read from the scene files (tests/data
 * README and ../shared/testdata for their sources).
 */
class RendererOwnSettingsTest {

    @TempDir
    Path tmp;

    private RenderSettings settings(Path scene) {
        return new SceneScanner(List.of(), tmp, Map.of()).scan(scene).settings().orElseThrow();
    }

    @Test
    void vRayNamesFormatAndSizeFromVraySettings() {
        RenderSettings s = settings(TestScenes.repoData("maya/renderers/vray_test.ma"));
        // :defaultRenderGlobals .ren "vray"; vraySettings .wi 960 .he 540; no .fnprx (empty: named after the scene)
        // and no .imgfs: V-Ray's default png, not the globals' (unwritten .outf: Maya's iff)
        assertEquals("vray", s.renderer());
        assertEquals("<Scene>", s.outputPrefix());
        assertEquals("png", s.imageFormat());
        assertEquals(new Resolution(960, 540), s.resolution());
        // animation off, time1 .o 0: frame 0
        assertEquals("0", s.frames());
    }

    @Test
    void aVRayPrefixFormatAndSizeWinOverTheGlobals() throws Exception {
        // vray_test.ma with the statements another real V-Ray scene writes on its vraySettings (seen through the
        // code search, its source not known, so not kept here): .fnprx "<Scene>/<Version>", .imgfs "exr",
        // .wi 2560, .he 1439; and the globals' own prefix and size, which V-Ray does not use
        String text = java.nio.file.Files.readString(TestScenes.repoData("maya/renderers/vray_test.ma"));
        text = text.replace("\tsetAttr \".wi\" 960;\n\tsetAttr \".he\" 540;\n",
                "\tsetAttr \".wi\" 2560;\n\tsetAttr \".he\" 1439;\n"
                        + "\tsetAttr \".fnprx\" -type \"string\" \"<Scene>/<Version>\";\n"
                        + "\tsetAttr \".imgfs\" -type \"string\" \"exr\";\n");
        text = text.replace("\tsetAttr \".ren\" -type \"string\" \"vray\";\n",
                "\tsetAttr \".ren\" -type \"string\" \"vray\";\n\tsetAttr \".ifp\" -type \"string\" \"globals_prefix\";\n"
                        + "\tsetAttr \".imfkey\" -type \"string\" \"tif\";\n");
        text = text.replace("select -ne :defaultResolution;\n", "select -ne :defaultResolution;\n\tsetAttr \".w\" 1280;\n");
        RenderSettings s = settings(java.nio.file.Files.writeString(tmp.resolve("vray_prefix.ma"), text));

        assertEquals("<Scene>/<Version>", s.outputPrefix());
        assertEquals("exr", s.imageFormat());
        assertEquals(new Resolution(2560, 1439), s.resolution());
        assertEquals("<Scene>/<Version>", s.layers().get(0).outputPrefix());
    }

    @Test
    void redshiftKeepsTheGlobalsFormatAndIgnoresVraySettings() {
        RenderSettings s = settings(TestScenes.repoData("maya/renderers/redshift_test.ma"));
        // .ren "redshift", .imfkey "png" (redshiftOptions .imageFormat 2), redshiftOptions .imageFilePrefix ""
        assertEquals("redshift", s.renderer());
        assertEquals("png", s.imageFormat());
        assertEquals("<Scene>", s.outputPrefix());
        assertEquals("1", s.frames());
    }

    @Test
    void renderManWritesWhereRmanGlobalsSay() {
        RenderSettings s = settings(TestScenes.testData(
                "maya/deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/renderman.ma"));
        // rmanGlobals: .imageOutputDir "<ws>/images/<scene>_v<version>_t<take>",
        // .imageFileFormat "<scene>_<layer>_<camera>_<aov>.<f4>.<ext>"
        assertEquals("renderman", s.renderer());
        assertEquals("<ws>/images/<scene>_v<version>_t<take>/<scene>_<layer>_<camera>_<aov>.<f4>.<ext>", s.outputPrefix());
        s.layers().forEach(l -> assertEquals(s.outputPrefix(), l.outputPrefix(), l.name()));
    }

    @Test
    void aRedshiftProxyIsAFileTheRenderNeeds() throws Exception {
        // redshift_test.ma with a Redshift proxy as Redshift writes one (alexanderrichtertd/plex,
        // software/maya/plugins/SLiB/lib/objects/Assets/Proxy/Proxy.ma: createNode RedshiftProxyMesh -n
        // "redshiftProxy1"; setAttr ".fn" -type "string" "G:/_3D Projects//stool.rs"), the proxy file beside the scene
        String text = java.nio.file.Files.readString(TestScenes.repoData("maya/renderers/redshift_test.ma"));
        String proxy = "createNode RedshiftProxyMesh -n \"redshiftProxy1\";\n"
                + "\tsetAttr \".fn\" -type \"string\" \"G:/_3D Projects//stool.rs\";\n\tsetAttr \".dm\" 1;\n";
        text = text.replace("select -ne :time1;\n", proxy + "select -ne :time1;\n");
        Path scene = java.nio.file.Files.writeString(tmp.resolve("proxy.ma"), text);
        java.nio.file.Files.writeString(tmp.resolve("stool.rs"), "rs");

        var asset = new SceneScanner(List.of(), tmp, Map.of()).scan(scene).assets().stream()
                .map(SceneManifest.SceneAsset::asset).filter(a -> a.ref().node().equals("redshiftProxy1"))
                .findFirst().orElseThrow(() -> new AssertionError("the proxy is not listed"));
        assertEquals("RedshiftProxyMesh", asset.ref().nodeType());
        assertEquals(List.of(tmp.resolve("stool.rs")), asset.files(), "found beside the scene");
    }
}

package io.batchrender.assets;

import static io.batchrender.assets.AssetTestData.maya;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution on the shared Maya test data. Every expected file below was listed by hand
 * ({@code ls}) and every written path copied from the scene ({@code grep .ftn}, {@code strings}).
 */
class RealSceneResolutionTest {

    @TempDir
    Path cwd;

    private AssetResolver resolverFor(Path scene) {
        return new AssetResolver(ResolveContext.forScene(scene, List.of(), cwd, Map.of()));
    }

    @Test
    void udimTokenResolvesToTheThreeTilesBesideTheScene() {
        // ls UsdExportImportUDIMTest/: UdimTest_1001_color.png, _1002_, _1003_, UsdExportUDIMTest.ma, ...
        Path dir = maya(AssetTestData.UDIM_TEST);
        ResolvedAsset r = resolverFor(dir.resolve("UsdExportUDIMTest.ma"))
                .resolve(AssetReference.of("file1", "file", "ftn", "UdimTest_<UDIM>_color.png"));
        assertEquals(ResolvedAsset.Status.FOUND, r.status());
        assertEquals(List.of(dir.resolve("UdimTest_1001_color.png"), dir.resolve("UdimTest_1002_color.png"),
                dir.resolve("UdimTest_1003_color.png")), r.files());
        assertEquals(Optional.of("scene-folder"), r.foundBy());
        assertEquals(Optional.empty(), r.problem());
    }

    @Test
    void tilingModeThreeMakesTheWrittenFirstTileStandForAllTiles() {
        // UsdExportUDIMTest.ma: file1 .ftn "UdimTest_1001_color.png", .uvt 3
        Path dir = maya(AssetTestData.UDIM_TEST);
        AssetReference ref = new AssetReference("file1", "file", "ftn", "UdimTest_1001_color.png",
                TilingMode.fromMaya(3), false);
        ResolvedAsset r = resolverFor(dir.resolve("UsdExportUDIMTest.ma")).resolve(ref);
        assertEquals(ResolvedAsset.Status.FOUND, r.status());
        assertEquals(List.of(dir.resolve("UdimTest_1001_color.png"), dir.resolve("UdimTest_1002_color.png"),
                dir.resolve("UdimTest_1003_color.png")), r.files());

        ResolvedAsset off = resolverFor(dir.resolve("UsdExportUDIMTest.ma"))
                .resolve(AssetReference.of("file1", "file", "ftn", "UdimTest_1001_color.png"));
        assertEquals(List.of(dir.resolve("UdimTest_1001_color.png")), off.files());
    }

    @Test
    void materialXDiffuseUdimsIncludingTheGaps() {
        // ls MaterialX/textures/: diffuse.1001 .. 1006, 1010 and 1022 .jpg
        Path scenes = maya("maya-usd/test/testSamples/MaterialX");
        Path tex = maya(AssetTestData.MATERIALX_TEXTURES);
        ResolvedAsset r = resolverFor(scenes.resolve("OpenPBRShowcase.ma"))
                .resolve(AssetReference.of("file1", "file", "ftn", "textures/diffuse.<UDIM>.jpg"));
        assertEquals(ResolvedAsset.Status.FOUND, r.status());
        assertEquals(List.of("1001", "1002", "1003", "1004", "1005", "1006", "1010", "1022").stream()
                .map(t -> tex.resolve("diffuse." + t + ".jpg")).toList(), r.files());
        assertEquals(Optional.of("scene-folder"), r.foundBy());
    }

    @Test
    void relativeTextureOfAMaterialXSceneAndTheSameFolderAbsolute() {
        // OpenPBRShowcase.ma: file25 .ftn "textures/grid.png"
        Path scenes = maya("maya-usd/test/testSamples/MaterialX");
        AssetResolver resolver = resolverFor(scenes.resolve("OpenPBRShowcase.ma"));
        ResolvedAsset rel = resolver.resolve(AssetReference.of("file25", "file", "ftn", "textures/grid.png"));
        assertEquals(List.of(scenes.resolve("textures/grid.png")), rel.files());
        assertEquals(Optional.of("scene-folder"), rel.foundBy());

        String absolute = scenes.resolve("textures").toString() + "/diffuse.<UDIM>.jpg";
        ResolvedAsset abs = resolver.resolve(AssetReference.of("f", "file", "ftn", absolute));
        assertEquals(Optional.of("as-written"), abs.foundBy());
        assertEquals(8, abs.files().size());
    }

    @Test
    void nParticleCacheDescriptionAndItsOneFileData() throws IOException {
        // InstancerDrawTest.ma: cacheFile nParticlesCache1 .cn "nParticles", .cp "./nCache/";
        // nCache/nParticles.xml: <cacheType Type="OneFile" Format="mcx"/>; ls nCache/: nParticles.mcx, nParticles.xml
        Path dir = maya(AssetTestData.INSTANCER_DRAW_TEST);
        AssetResolver resolver = resolverFor(dir.resolve("InstancerDrawTest.ma"));
        List<ResolvedAsset> cache = MayaCacheFiles.resolve(resolver, "nParticlesCache1", "./nCache/", "nParticles");
        assertEquals(2, cache.size());
        assertEquals(List.of(dir.resolve("nCache/nParticles.xml")), cache.get(0).files());
        assertEquals(Optional.of("scene-folder"), cache.get(0).foundBy());
        assertEquals(List.of(dir.resolve("nCache/nParticles.mcx")), cache.get(1).files());
        assertEquals(Optional.of("as-written"), cache.get(1).foundBy());

        // the old plug-in's glob of the cache's files, as a pattern
        ResolvedAsset glob = resolver.resolve(AssetReference.of("c", "cacheFile", "cp", "./nCache/nParticles*.mcx"));
        assertEquals(List.of(dir.resolve("nCache/nParticles.mcx")), glob.files());
        // there are no per-frame files
        ResolvedAsset perFrame = resolver.resolve(AssetReference.of("c", "cacheFile", "cp",
                "nCache/nParticlesFrame<f>.mc"));
        assertEquals(ResolvedAsset.Status.EMPTY_PATTERN, perFrame.status());
    }

    @Test
    void deadlineCubeTextureOnSomeoneElsesDDriveIsTheLogoBesideTheScene() {
        // cube.ma: file1 .ftn "D:/deadline-clients/.../job_bundle_output_tests//cube/deadline_logo_48x48.png"
        Path project = maya(AssetTestData.DEADLINE);
        Path sceneDir = maya(AssetTestData.DEADLINE + "/cube/scene");
        ResolveContext ctx = ResolveContext.forScene(sceneDir.resolve("cube.ma"), List.of(), cwd, Map.of());
        assertEquals(Optional.of(project), ctx.projectRoot());
        assertEquals("sourceimages", ctx.workspaceRules().get("sourceImages"));
        ResolvedAsset r = new AssetResolver(ctx).resolve(AssetReference.of("file1", "file", "ftn",
                "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/deadline_logo_48x48.png"));
        assertEquals(ResolvedAsset.Status.FOUND, r.status());
        assertEquals(List.of(sceneDir.resolve("deadline_logo_48x48.png")), r.files());
        assertEquals(Optional.of("scene-folder"), r.foundBy());
        assertTrue(r.problem().orElseThrow().contains("written for another OS"), r.problem().toString());
    }

    @Test
    void deadlineRendermanTexturesOnAMacResolveBesideTheScene() {
        // renderman.ma: file1 .ftn and PxrTexture1 .filename, both
        // "/Users/rmvh/work/deadline/deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/deadline_logo_48x48.png"
        Path sceneDir = maya(AssetTestData.DEADLINE + "/renderman/scene");
        String written = "/Users/rmvh/work/deadline/deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/"
                + "deadline_logo_48x48.png";
        AssetResolver resolver = resolverFor(sceneDir.resolve("renderman.ma"));
        for (AssetReference ref : List.of(AssetReference.of("file1", "file", "ftn", written),
                AssetReference.of("PxrTexture1", "PxrTexture", "filename", written))) {
            ResolvedAsset r = resolver.resolve(ref);
            assertEquals(List.of(sceneDir.resolve("deadline_logo_48x48.png")), r.files());
            assertEquals(Optional.of("scene-folder"), r.foundBy());
            assertTrue(r.problem().orElseThrow().contains("not found as written"), r.problem().toString());
        }
    }

    @Test
    void azureBatchTexturesOnAWindowsDiskAreMissing() {
        // strings empty.mb: file1 ftn "C:/Users/antisch/Pictures/butterfly.png", file2 ftn "D:/Test_Data/0012.png";
        // ls tests/data/: empty.mb, star.png (neither texture is here)
        Path dir = maya(AssetTestData.AZURE_DATA);
        AssetResolver resolver = resolverFor(dir.resolve("empty.mb"));
        List<ResolvedAsset> results = resolver.resolveAll(List.of(
                AssetReference.of("file1", "file", "ftn", "C:/Users/antisch/Pictures/butterfly.png"),
                AssetReference.of("file2", "file", "ftn", "D:/Test_Data/0012.png")));
        for (ResolvedAsset r : results) {
            assertEquals(ResolvedAsset.Status.MISSING, r.status());
            assertEquals(List.of(), r.files());
            assertEquals(Optional.empty(), r.foundBy());
            assertTrue(r.problem().orElseThrow().contains("not found: " + ScenePath.parse(r.ref().path()).fileName()),
                    r.problem().toString());
        }
        assertEquals("missing", results.get(0).status().label());
    }
}

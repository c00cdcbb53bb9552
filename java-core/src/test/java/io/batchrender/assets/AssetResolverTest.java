package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolution order on a project laid out in a temporary folder. */
class AssetResolverTest {

    @TempDir
    Path tmp;
    Path proj;
    Path scenes;
    Path cwd;

    @BeforeEach
    void layOutProject() throws IOException {
        proj = Files.createDirectories(tmp.resolve("proj"));
        scenes = Files.createDirectories(proj.resolve("scenes"));
        cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.writeString(proj.resolve("workspace.mel"),
                "workspace -fr \"sourceImages\" \"images/src\";\nworkspace -fr \"fileCache\" \"cache/nCache\";\n");
        Files.writeString(scenes.resolve("shot.ma"), "//Maya ASCII 2023 scene\n");
    }

    private Path touch(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, relative);
    }

    private AssetResolver resolver(Map<String, String> env) {
        return new AssetResolver(ResolveContext.forScene(scenes.resolve("shot.ma"), List.of(), cwd, env));
    }

    private ResolvedAsset resolve(String path) {
        return resolver(Map.of()).resolve(AssetReference.of("file1", "file", "ftn", path));
    }

    @Test
    void contextFindsTheProjectAndItsRules() {
        ResolveContext ctx = ResolveContext.forScene(scenes.resolve("shot.ma"), List.of(), cwd, Map.of());
        assertEquals(scenes, ctx.sceneDir());
        assertEquals(Optional.of(proj), ctx.projectRoot());
        assertEquals("images/src", ctx.workspaceRules().get("sourceImages"));
    }

    @Test
    void aRelativePathIsTriedUnderTheRuleThenTheProjectThenTheSceneFolder() throws IOException {
        touch("proj/images/src/tex/a.png");
        touch("proj/tex/a.png");
        touch("proj/scenes/tex/a.png");
        assertFound(resolve("tex/a.png"), "project-rule:sourceImages", proj.resolve("images/src/tex/a.png"));
        Files.delete(proj.resolve("images/src/tex/a.png"));
        assertFound(resolve("tex/a.png"), "project-root", proj.resolve("tex/a.png"));
        Files.delete(proj.resolve("tex/a.png"));
        assertFound(resolve("./tex/a.png"), "scene-folder", scenes.resolve("tex/a.png"));
    }

    @Test
    void theRuleOfTheNodeTypeIsUsed() throws IOException {
        touch("proj/cache/nCache/fluid.xml");
        ResolvedAsset cache = resolver(Map.of()).resolve(AssetReference.of("c", "cacheFile", "cp", "fluid.xml"));
        assertFound(cache, "project-rule:fileCache", proj.resolve("cache/nCache/fluid.xml"));
        assertEquals(ResolvedAsset.Status.MISSING, resolve("fluid.xml").status());
    }

    @Test
    void theFileNameAloneIsSearchedInOrder() throws IOException {
        String written = "C:/Users/ana/proj/sourceimages/b.png";
        touch("cwd/b.png");
        assertFound(resolve(written), "cwd", cwd.resolve("b.png"));
        touch("proj/images/src/b.png");
        assertFound(resolve(written), "sourceimages", proj.resolve("images/src/b.png"));
        touch("proj/b.png");
        assertFound(resolve(written), "project-root", proj.resolve("b.png"));
        touch("proj/scenes/b.png");
        assertFound(resolve(written), "scene-folder", scenes.resolve("b.png"));
    }

    @Test
    void sourceimagesIsTheDefaultWhenTheProjectHasNoRule() throws IOException {
        Files.writeString(proj.resolve("workspace.mel"), "//no rules\n");
        touch("proj/sourceimages/c.png");
        assertFound(resolve("//server/share/tex/c.png"), "sourceimages", proj.resolve("sourceimages/c.png"));
    }

    @Test
    void anAbsolutePathOfThisOsIsTakenAsWritten() throws IOException {
        Path elsewhere = touch("library/d.png");
        touch("proj/scenes/d.png");
        assertFound(resolve(elsewhere.toString()), "as-written", elsewhere);
        assertFound(resolve(tmp + "/library/../library/./d.png"), "as-written", elsewhere);
    }

    @Test
    void dotDotNeverLeavesTheProject() throws IOException {
        Path outside = touch("outside/e.png");
        ResolvedAsset r = resolve("../../outside/e.png");
        assertEquals(ResolvedAsset.Status.MISSING, r.status());
        assertTrue(r.problem().orElseThrow().contains("../../outside/e.png climbs out of " + proj), r.problem().get());
        assertTrue(Files.exists(outside));

        // climbing from the scene folder to a sibling inside the project is fine
        touch("proj/images/src/f.png");
        ResolvedAsset inside = resolve("../images/src/f.png");
        assertFound(inside, "scene-folder", proj.resolve("images/src/f.png"));
        assertTrue(inside.problem().orElseThrow().contains("climbs out of " + proj));
    }

    @Test
    void aFileThatDiffersOnlyInCaseIsMissingWithTheReasonSaid() throws IOException {
        Path loose = Files.createDirectories(tmp.resolve("win/scene"));
        touch("win/scene/wood_diffuse.png");
        AssetResolver resolver = new AssetResolver(
                new ResolveContext(loose, Optional.empty(), Map.of(), List.of(), cwd, Map.of()));

        ResolvedAsset r = resolver.resolve(AssetReference.of("file1", "file", "ftn", "C:/proj/Wood_Diffuse.PNG"));

        assertEquals(ResolvedAsset.Status.MISSING, r.status(), "a Linux node would not open it under that name");
        assertTrue(r.problem().orElseThrow().contains(loose.resolve("wood_diffuse.png")
                + " differs only in upper/lower case"), r.problem().orElseThrow());
    }

    @Test
    void withoutAProjectTheSceneFolderIsTheRoot() throws IOException {
        Path loose = Files.createDirectories(tmp.resolve("loose/scene"));
        touch("loose/tex/g.png");
        AssetResolver resolver = new AssetResolver(
                new ResolveContext(loose, Optional.empty(), Map.of(), List.of(), cwd, Map.of()));
        ResolvedAsset r = resolver.resolve(AssetReference.of("file1", "file", "ftn", "../tex/g.png"));
        assertEquals(ResolvedAsset.Status.MISSING, r.status());
        assertTrue(r.problem().orElseThrow().contains("climbs out of " + loose));
    }

    @Test
    void environmentVariablesComeFromTheGivenMap() throws IOException {
        Path h = touch("library/h.png");
        AssetResolver resolver = resolver(Map.of("LIB", tmp.resolve("library").toString()));
        for (String written : List.of("$LIB/h.png", "${LIB}/h.png", "%LIB%/h.png", "<LIB>/h.png")) {
            ResolvedAsset r = resolver.resolve(AssetReference.of("file1", "file", "ftn", written));
            assertFound(r, "as-written", h);
            assertEquals(Optional.empty(), r.problem());
        }
        touch("proj/scenes/h.png");
        ResolvedAsset unknown = resolver.resolve(AssetReference.of("file1", "file", "ftn", "$NOPE/h.png"));
        assertFound(unknown, "scene-folder", scenes.resolve("h.png"));
        assertTrue(unknown.problem().orElseThrow().startsWith("unknown variable $NOPE"), unknown.problem().get());
    }

    @Test
    void frameTokensListTheSequence() throws IOException {
        for (String f : List.of("0001", "0002", "0010", "12345", "001")) {
            touch("proj/scenes/render/smoke." + f + ".exr");
        }
        List<Path> padded4 = List.of("0001", "0002", "0010", "12345").stream()
                .map(f -> scenes.resolve("render/smoke." + f + ".exr")).toList();
        for (String written : List.of("render/smoke.####.exr", "render/smoke.%04d.exr", "render/smoke.$F4.exr",
                "render/smoke.$(F4).exr")) {
            assertEquals(padded4, resolve(written).files(), written);
        }
        List<Path> any = List.of("0001", "001", "0002", "0010", "12345").stream() // frame order
                .map(f -> scenes.resolve("render/smoke." + f + ".exr")).toList();
        assertEquals(any, resolve("render/smoke.<f>.exr").files());
        ResolvedAsset ufe = resolver(Map.of()).resolve(
                new AssetReference("file1", "file", "ftn", "render/smoke.0001.exr", TilingMode.OFF, true));
        assertEquals(any, ufe.files());
    }

    @Test
    void aPatternWithoutMatchIsAnEmptyPatternAndAFileWithoutMatchIsMissing() throws IOException {
        touch("proj/scenes/wood.1001.jpg");
        ResolvedAsset empty = resolve("stone.<UDIM>.jpg");
        assertEquals(ResolvedAsset.Status.EMPTY_PATTERN, empty.status());
        assertEquals("empty-pattern", empty.status().label());
        assertEquals(List.of(), empty.files());
        assertTrue(empty.problem().orElseThrow().contains("no file matches stone.<UDIM>.jpg"));
        assertEquals(ResolvedAsset.Status.MISSING, resolve("stone.1001.jpg").status());
        assertEquals(ResolvedAsset.Status.MISSING, resolve("").status());
        assertEquals(ResolvedAsset.Status.MISSING, resolve("C:/").status());
    }

    private static void assertFound(ResolvedAsset r, String foundBy, Path file) {
        assertEquals(ResolvedAsset.Status.FOUND, r.status(), () -> r.problem().orElse(""));
        assertEquals(List.of(file), r.files());
        assertEquals(Optional.of(foundBy), r.foundBy());
    }
}

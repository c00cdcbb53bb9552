package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenePathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "C:/proj/tex/a.png          | WINDOWS_DRIVE  | C:             | C:/proj/tex/a.png",
        "C:\\proj\\tex\\a.png       | WINDOWS_DRIVE  | C:             | C:/proj/tex/a.png",
        "d:\\proj/tex\\a.png        | WINDOWS_DRIVE  | D:             | D:/proj/tex/a.png",
        "//server/share/x.png       | UNC            | //server/share | //server/share/x.png",
        "\\\\server\\share\\x.png   | UNC            | //server/share | //server/share/x.png",
        "/Users/ana/proj/a.png      | POSIX_ABSOLUTE | /              | /Users/ana/proj/a.png",
        "sourceimages/a.png         | RELATIVE       | ''             | sourceimages/a.png",
        "./a.png                    | RELATIVE       | ''             | a.png",
        "../tex/a.png               | RELATIVE       | ''             | ../tex/a.png",
        "$PROJ/tex/a.png            | RELATIVE       | ''             | $PROJ/tex/a.png",
    })
    void classifiesAndNormalizesOnAnyOs(String written, PathKind kind, String root, String normalized) {
        ScenePath p = ScenePath.parse(written);
        assertEquals(kind, p.kind());
        assertEquals(root, p.root());
        assertEquals(normalized, p.normalized());
        assertEquals(kind != PathKind.RELATIVE, p.isAbsolute());
    }

    @Test
    void splitsIntoSegmentsAndFileName() {
        ScenePath win = ScenePath.parse("C:\\proj\\tex\\a.png");
        assertEquals(List.of("proj", "tex", "a.png"), win.segments());
        assertEquals("a.png", win.fileName());
        assertEquals(List.of("proj", "tex"), win.folders());

        ScenePath unc = ScenePath.parse("\\\\server\\share\\lib\\x.png");
        assertEquals(List.of("lib", "x.png"), unc.segments());
        assertEquals("x.png", unc.fileName());

        ScenePath posix = ScenePath.parse("/Users/ana/proj/a.png");
        assertEquals(List.of("Users", "ana", "proj", "a.png"), posix.segments());
    }

    @Test
    void collapsesDoubleSlashesAndDotsLikeTheDeadlineSceneWrites() {
        // cube.ma writes ".../job_bundle_output_tests//cube/deadline_logo_48x48.png"
        ScenePath p = ScenePath.parse(
                "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/deadline_logo_48x48.png");
        assertEquals(List.of("deadline-clients", "deadline-cloud-for-maya", "job_bundle_output_tests", "cube",
                "deadline_logo_48x48.png"), p.segments());
        assertEquals("deadline_logo_48x48.png", p.fileName());
    }

    @Test
    void dotDotPopsInAbsolutePathsAndStopsAtTheRoot() {
        assertEquals("C:/tex/a.png", ScenePath.parse("C:/proj/../tex/./a.png").normalized());
        assertEquals("/a.png", ScenePath.parse("/../../a.png").normalized());
        assertEquals("//srv/share/a.png", ScenePath.parse("//srv/share/../a.png").normalized());
    }

    @Test
    void relativePathKeepsLeadingDotDot() {
        ScenePath p = ScenePath.parse("a/../../tex/a.png");
        assertEquals(List.of("..", "tex", "a.png"), p.segments());
        assertTrue(p.climbsAboveStart());
        assertFalse(ScenePath.parse("tex/../a.png").climbsAboveStart());
    }

    @Test
    void onlyPathsOfThisOsAreLocal() {
        // the tests run on Linux: POSIX paths are local, drive and UNC paths are not
        assertEquals(Optional.of(Path.of("/Users/ana/a.png")), ScenePath.parse("/Users/ana//a.png").asLocal());
        assertEquals(Optional.empty(), ScenePath.parse("C:/Users/ana/a.png").asLocal());
        assertEquals(Optional.empty(), ScenePath.parse("\\\\srv\\share\\a.png").asLocal());
        assertEquals(Optional.empty(), ScenePath.parse("tex/a.png").asLocal());
    }

    @Test
    void resolvingRefusesToEscapeTheRoot(@TempDir Path dir) {
        Path proj = dir.resolve("proj");
        Path scenes = proj.resolve("scenes");
        assertEquals(Optional.of(proj.resolve("sourceimages/a.png")),
                ScenePath.parse("../sourceimages/a.png").resolveWithin(scenes, proj));
        assertEquals(Optional.empty(), ScenePath.parse("../../etc/passwd").resolveWithin(scenes, proj));
        assertEquals(Optional.empty(), ScenePath.parse("../a.png").resolveWithin(proj, proj));
        assertEquals(Optional.of(proj.resolve("a.png")), ScenePath.parse("./x/../a.png").resolveWithin(proj, proj));
        assertEquals(Optional.empty(), ScenePath.parse("/abs/a.png").resolveWithin(proj, proj));
    }
}

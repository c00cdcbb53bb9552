package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MayaProjectTest {

    @Test
    void parsesFileRulesInOrderWithEscapesAndLongFlags() {
        String mel = "//Maya 2023 Project Definition\r\n\r\n"
                + "workspace -fr \"sourceImages\" \"sourceimages\";\r\n"
                + "// workspace -fr \"commented\" \"out\";\n"
                + "workspace -fileRule \"STEP_ATF Export\" \"data\";\n"
                + "\tworkspace -fr \"quoted\" \"a \\\"b\\\"\\\\c\";\n"
                + "workspace -v \"someVariable\" \"x\";\n"
                + "workspace -fr \"sourceImages\" \"D:/textures\";\n";
        Map<String, String> rules = WorkspaceMel.parse(mel);
        assertEquals(List.of("STEP_ATF Export", "quoted", "sourceImages"), List.copyOf(rules.keySet()));
        assertEquals("D:/textures", rules.get("sourceImages"));
        assertEquals("data", rules.get("STEP_ATF Export"));
        assertEquals("a \"b\"\\c", rules.get("quoted"));
    }

    @Test
    void findsTheDeadlineProjectTwoFoldersAboveTheScene() {
        // job_bundle_output_tests/workspace.mel holds 70 "workspace -fr" lines, names all distinct
        Path projectDir = AssetTestData.maya(AssetTestData.DEADLINE);
        Path sceneDir = AssetTestData.maya(AssetTestData.DEADLINE + "/cube/scene");
        MayaProject project = MayaProject.find(sceneDir).orElseThrow();
        assertEquals(projectDir, project.root());
        assertEquals(70, project.rules().size());
        assertEquals("sourceimages", project.rules().get("sourceImages"));
        assertEquals("cache/nCache", project.rules().get("fileCache"));
        assertEquals("scenes", project.rules().get("scene"));
        assertEquals("Time Editor/Clip Exports", project.rules().get("teClipExports"));
    }

    @Test
    void noWorkspaceMeansNoProject(@TempDir Path dir) throws IOException {
        Path scenes = Files.createDirectories(dir.resolve("a/b/scenes"));
        // the walk goes up to the file system root; /tmp holds no workspace.mel
        assertEquals(Optional.empty(), MayaProject.find(scenes).filter(p -> p.root().startsWith(dir)));
        Files.writeString(dir.resolve("a/workspace.mel"), "workspace -fr \"sourceImages\" \"tex\";\n");
        MayaProject project = MayaProject.find(scenes).orElseThrow();
        assertEquals(dir.resolve("a"), project.root());
        assertEquals(Map.of("sourceImages", "tex"), project.rules());
    }

    @Test
    void nodeTypesMapToTheirFileRule() {
        assertEquals(List.of("sourceImages"), WorkspaceMel.rulesFor("file"));
        assertEquals(List.of("sourceImages"), WorkspaceMel.rulesFor("aiImage"));
        assertEquals(List.of("fileCache"), WorkspaceMel.rulesFor("cacheFile"));
        assertTrue(WorkspaceMel.rulesFor("reference").contains("scene"));
    }
}

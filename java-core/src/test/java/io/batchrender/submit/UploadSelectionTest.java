package io.batchrender.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.PoolChoice;
import io.batchrender.render.TestScenes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of a scene goes to its asset project after the artist's exclusions: the submit and the panel's Upload agree. */
class UploadSelectionTest {

    @TempDir
    Path tmp;

    /**
     * cube.ma (deadline-cloud-for-maya's job bundle test) names its texture
     * {@code D:/deadline-clients/.../cube/deadline_logo_48x48.png} (line 191) and its reference
     * {@code .../cube/scene_file_to_reference.mb} (line 7); both are found beside the scene. The panel keeps an
     * exclusion as the reference is named, so the submit must leave out what was found for that name.
     */
    @Test
    void aReferenceExcludedAsTheSceneNamesItIsLeftOutThoughItWasFoundElsewhere() {
        Path scene = TestScenes.testData("maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma");
        io.batchrender.compile.SubmitForm form = new io.batchrender.compile.SubmitForm(Optional.of(scene), Optional.empty(), Optional.of("1"), List.of(), false, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        io.batchrender.compile.SceneCompiler.Compiled prepared = io.batchrender.compile.SceneCompiler.compile(form, tmp, Map.of());
        SceneUpload all = SceneUpload.of(scene, prepared.manifest());
        Path texture = scene.resolveSibling("deadline_logo_48x48.png").toAbsolutePath().normalize();
        Path reference = scene.resolveSibling("scene_file_to_reference.mb").toAbsolutePath().normalize();
        // the Maya project is job_bundle_output_tests/, whose workspace.mel goes along
        Path workspace = scene.getParent().getParent().getParent().resolve("workspace.mel").toAbsolutePath().normalize();
        assertEquals(List.of(scene.toAbsolutePath().normalize(), reference, texture, workspace).stream().sorted().toList(),
                all.files().stream().sorted().toList());

        String named = "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/deadline_logo_48x48.png";
        CloudChoices choices = new CloudChoices(AzureJobSettings.on(new PoolChoice.Existing("p")), Optional.empty(),
                List.of(named, scene.toString()), List.of());
        List<Path> sent = choices.applyTo(all, prepared.manifest(), tmp).files();
        assertEquals(List.of(scene.toAbsolutePath().normalize(), reference, workspace).stream().sorted().toList(),
                sent.stream().sorted().toList(),
                "the texture excluded by its name is left out; the scene never is");
    }

    @Test
    void foldersLeaveOutWhatIsUnderThemAndOnlyAddedFilesThatExistAreAdded() throws Exception {
        Path scene = Files.writeString(tmp.resolve("shot.blend"), "x");
        Path caches = Files.createDirectories(tmp.resolve("caches"));
        Path cache = Files.writeString(caches.resolve("a.abc"), "x");
        Path extra = Files.writeString(tmp.resolve("notes.txt"), "x");
        List<Path> out = UploadSelection.apply(List.of(scene, cache), Map.of(), List.of("caches"),
                List.of("notes.txt", "gone.txt", "caches/a.abc"), tmp);
        assertEquals(List.of(scene, extra), out);
    }
}

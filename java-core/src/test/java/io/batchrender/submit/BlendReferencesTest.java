package io.batchrender.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.compile.SceneCompiler;
import io.batchrender.compile.SubmitForm;
import io.batchrender.compile.SubmitRequest;
import io.batchrender.render.RenderSetupException;
import io.batchrender.render.TestScenes;
import io.batchrender.render.pathmap.PathMap;
import io.batchrender.scene.HostReferences;
import io.batchrender.scene.SceneManifest;
import io.batchrender.storage.BlobNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .blend's files as Blender reports them (its data-blocks' absolute paths): resolved into the scan's manifest,
 * refused when one is missing, and uploaded with a path map for each folder, as a Maya scene's scan is. The scene
 * is a real .blend (shapes.blend, copied); the files it "names" are laid out here, in the layout of a shot linking a
 * library whose texture sits beside it.
 */
class BlendReferencesTest {

    @TempDir
    Path tmp;
    Path shot;
    Path library;
    Path green;
    Path blue;

    @BeforeEach
    void layOut() throws IOException {
        shot = copy(TestScenes.blend(), tmp.resolve("shot/shot.blend"));
        library = copy(TestScenes.blend(), tmp.resolve("library/props.blend"));
        green = Files.createDirectories(tmp.resolve("library/textures")).resolve("green.png");
        Files.write(green, new byte[] {1});
        blue = Files.createDirectories(tmp.resolve("shot_textures")).resolve("blue.png");
        Files.write(blue, new byte[] {2});
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to);
    }

    /** What Blender reports: the library, its texture, and the shot's texture named by two data-blocks. */
    private HostReferences references() {
        return new HostReferences(List.of(
                AssetReference.of("props.blend", "Library", "filepath", library.toString()),
                AssetReference.of("green.png", "Image", "filepath", green.toString()),
                AssetReference.of("blue.png", "Image", "filepath", blue.toString()),
                AssetReference.of("blue.png.001", "Image", "filepath", blue.toString())), Set.of());
    }

    private SceneCompiler.Compiled compile(Path scene, Optional<HostReferences> refs, boolean allowMissing) {
        SubmitForm form = new SubmitForm(Optional.of(scene), Optional.empty(), Optional.of("1"), List.of(), allowMissing,
                1, Optional.empty(), Optional.empty(), Optional.empty(), SubmitRequest.DEFAULT_RETRIES, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                refs);
        return SceneCompiler.compile(form, tmp, Map.of());
    }

    @Test
    void everyFileIsFoundOnceAndUploadedWithAPathMapForItsFolder() {
        SceneManifest m = compile(shot, Optional.of(references()), false).manifest().orElseThrow();
        assertTrue(m.settings().isEmpty(), "the core did not read the .blend");
        assertEquals(List.of(library, green, blue), m.assets().stream().map(a -> a.asset().files().get(0)).toList());
        SceneManifest.SceneAsset twice = m.assets().get(2);
        assertEquals(2, twice.nodeCount());
        assertEquals(List.of("blue.png", "blue.png.001"), twice.nodes());

        SceneUpload upload = SceneUpload.of(shot, Optional.of(m));
        assertEquals(List.of(shot, library, green, blue), upload.files());
        for (Path f : upload.files()) {
            // the node finds every file where the scene says it is, in the asset folder under its blob name
            assertEquals("/assets/" + BlobNames.forLocalPath(f.toString()),
                    PathMap.apply(upload.pathMap(), "/assets", f.toString()));
        }
        assertEquals(SceneUpload.defaultProject(shot, Optional.of(m)), "shot", "no Maya project: the scene's name");
    }

    @Test
    void aMissingFileRefusesTheSubmitInOneLineUnlessAllowed() throws IOException {
        Files.delete(green);
        RenderSetupException e = assertThrows(RenderSetupException.class,
                () -> compile(shot, Optional.of(references()), false));
        assertTrue(e.getMessage().startsWith("1 file(s) the scene needs are missing, first Image 'green.png' = "
                + green + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        SceneManifest m = compile(shot, Optional.of(references()), true).manifest().orElseThrow();
        assertEquals(ResolvedAsset.Status.MISSING, m.assets().get(1).asset().status());
        assertEquals(List.of(shot, library, blue), SceneUpload.of(shot, Optional.of(m)).files(), "what is there goes");
    }

    @Test
    void anImageSequenceReportedWithFrameSequenceUploadsEveryFrame() throws IOException {
        Path seq = Files.createDirectories(tmp.resolve("smoke"));
        List<Path> frames = List.of(seq.resolve("smoke.0001.png"), seq.resolve("smoke.0002.png"), seq.resolve("smoke.0003.png"));
        for (Path f : frames) {
            Files.write(f, new byte[] {3});
        }
        // Blender's image of source SEQUENCE names one frame's file; frameSequence: true stands for all of them
        HostReferences refs = new HostReferences(List.of(new AssetReference("smoke.0001.png", "Image", "filepath",
                frames.get(0).toString(), io.batchrender.assets.TilingMode.OFF, true)), Set.of());
        SceneManifest m = compile(shot, Optional.of(refs), false).manifest().orElseThrow();
        assertEquals(frames, m.assets().get(0).asset().files());
        assertEquals(List.of(shot, frames.get(0), frames.get(1), frames.get(2)), SceneUpload.of(shot, Optional.of(m)).files());
    }

    @Test
    void aPathRelativeToABlendIsRefusedForOnlyBlenderKnowsWhichBlend() {
        HostReferences relative = new HostReferences(List.of(
                AssetReference.of("green.png", "Image", "filepath", "//textures/green.png")), Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(shot, Optional.of(relative), true));
        assertEquals("Image 'green.png' names //textures/green.png, relative to a .blend: send the path absolute, as"
                + " Blender resolves it (bpy.path.abspath(path, library=block.library)).", e.getMessage());
    }

    @Test
    void aBlendWithoutReferencesGoesAloneAsBefore() {
        SceneCompiler.Compiled c = compile(shot, Optional.empty(), false);
        assertTrue(c.manifest().isEmpty());
        assertEquals(List.of(shot), SceneUpload.of(shot, c.manifest()).files());
    }

    @Test
    void aMayaSceneIsReadByTheCoreAndTakesNoReferences() {
        Path maya = TestScenes.testData("maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma");
        RenderSetupException e = assertThrows(RenderSetupException.class,
                () -> compile(maya, Optional.of(references()), false));
        assertTrue(e.getMessage().startsWith("A Maya scene's files are read from the scene itself"), e.getMessage());
    }
}

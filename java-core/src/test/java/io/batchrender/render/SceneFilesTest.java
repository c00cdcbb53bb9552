package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SceneFilesTest {

    @TempDir
    Path tmp;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String message(Runnable check) {
        RenderSetupException e = assertThrows(RenderSetupException.class, check::run);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    // Blender

    @Test
    void realBlendFileIsABlenderFile() {
        assertDoesNotThrow(() -> SceneFiles.requireBlend(TestScenes.blend()));
    }

    @Test
    void gzipCompressedBlendFileIsABlenderFile() throws IOException {
        Path gz = tmp.resolve("compressed.blend");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("BLENDER-v279REND".getBytes(StandardCharsets.ISO_8859_1));
        }
        assertDoesNotThrow(() -> SceneFiles.requireBlend(gz));
    }

    @Test
    void zstdCompressedBlendFileIsABlenderFile() throws IOException {
        // A zstd frame starts with the magic number 0xFD2FB528, little-endian.
        Path zst = file("compressed.blend", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x04, 0x00, 0x00, 0x00});
        assertDoesNotThrow(() -> SceneFiles.requireBlend(zst));
    }

    @Test
    void blenderHeaderAloneIsEnough() throws IOException {
        Path p = file("minimal.blend", "BLENDER");
        assertDoesNotThrow(() -> SceneFiles.requireBlend(p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"this is not a scene\n", "", "BLENDE", "blender-v279", "//Maya ASCII 2020 scene"})
    void otherContentIsNotABlenderFile(String content) throws IOException {
        Path p = file("x.blend", content);
        String msg = message(() -> SceneFiles.requireBlend(p));
        assertTrue(msg.contains("not a Blender file"), msg);
        assertTrue(msg.contains(p.toString()), msg);
    }

    @Test
    void mayaSceneIsNotABlenderFile() {
        assertTrue(message(() -> SceneFiles.requireBlend(TestScenes.mayaBinary())).contains("not a Blender file"));
        assertTrue(message(() -> SceneFiles.requireBlend(TestScenes.mayaAscii())).contains("not a Blender file"));
    }

    @Test
    void missingBlendFile() {
        Path missing = tmp.resolve("missing.blend");
        String msg = message(() -> SceneFiles.requireBlend(missing));
        assertTrue(msg.contains("does not exist"), msg);
        assertTrue(msg.contains(missing.toString()), msg);
    }

    @Test
    void folderIsNotABlendFile() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shot.blend"));
        String msg = message(() -> SceneFiles.requireBlend(dir));
        assertTrue(msg.contains("folder"), msg);
        assertTrue(msg.contains(dir.toString()), msg);
    }

    // Maya

    @Test
    void realMayaAsciiIsAMayaScene() {
        assertDoesNotThrow(() -> SceneFiles.requireMaya(TestScenes.mayaAscii()));
    }

    @Test
    void realMayaBinaryIsAMayaScene() {
        assertDoesNotThrow(() -> SceneFiles.requireMaya(TestScenes.mayaBinary()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//Maya ASCII 2024 scene\n", "//Maya", "FOR4\u0000\u0000\u0000\u0010Maya", "FOR8\u0000\u0000\u0000\u0000"})
    void mayaHeadersAreAccepted(String content) throws IOException {
        Path p = file("scene.ma", content);
        assertDoesNotThrow(() -> SceneFiles.requireMaya(p));
    }

    @Test
    void blendFileIsNotAMayaScene() {
        String msg = message(() -> SceneFiles.requireMaya(TestScenes.blend()));
        assertTrue(msg.contains("not a Maya scene"), msg);
        assertTrue(msg.contains(TestScenes.blend().toString()), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FOR", "//May", "// Maya ASCII", "createNode transform;\n", "FORM\u0000\u0000\u0000\u0000"})
    void otherContentIsNotAMayaScene(String content) throws IOException {
        Path p = file("scene.mb", content);
        assertTrue(message(() -> SceneFiles.requireMaya(p)).contains("not a Maya scene"));
    }

    @Test
    void missingMayaScene() {
        Path missing = tmp.resolve("missing.ma");
        assertTrue(message(() -> SceneFiles.requireMaya(missing)).contains("does not exist"));
    }

    @Test
    void folderIsNotAMayaScene() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("scene.mb"));
        assertTrue(message(() -> SceneFiles.requireMaya(dir)).contains("folder"));
    }

    // Project folders

    @Test
    void existingFolderIsAFolder() {
        assertDoesNotThrow(() -> SceneFiles.requireFolder(tmp));
    }

    @Test
    void fileIsNotAFolder() throws IOException {
        Path p = file("workspace.mel", "");
        assertTrue(message(() -> SceneFiles.requireFolder(p)).contains(p.toString()));
    }

    @Test
    void missingFolder() {
        Path missing = tmp.resolve("nope");
        assertTrue(message(() -> SceneFiles.requireFolder(missing)).contains("does not exist"));
    }
}

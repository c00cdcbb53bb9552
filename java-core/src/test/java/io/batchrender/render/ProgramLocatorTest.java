package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramLocatorTest {

    @TempDir
    Path tmp;

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path plainFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static Optional<Path> locate(Map<String, String> env, Program program) {
        return new ProgramLocator(env).locate(program);
    }

    @Test
    void foundInADirectoryOnPath() throws IOException {
        Path tool = executable(tmp.resolve("bin/mytool"));
        Optional<Path> found = locate(Map.of("PATH", tmp.resolve("bin").toString()), Program.named("mytool"));
        assertEquals(Optional.of(tool.toAbsolutePath()), found);
    }

    @Test
    void pathIsSearchedInOrderSkippingEmptyEntries() throws IOException {
        Path first = executable(tmp.resolve("a/blender"));
        executable(tmp.resolve("b/blender"));
        String path = String.join(File.pathSeparator, "", tmp.resolve("missing").toString(),
                tmp.resolve("a").toString(), tmp.resolve("b").toString());
        assertEquals(Optional.of(first), locate(Map.of("PATH", path), BlenderRenderer.BLENDER));
    }

    @Test
    void pathVariableHoldingTheExecutable() throws IOException {
        Path blender = executable(tmp.resolve("opt/blender-4.2/blender"));
        Optional<Path> found = locate(Map.of("BLENDER", blender.toString(), "PATH", ""), BlenderRenderer.BLENDER);
        assertEquals(Optional.of(blender), found);
    }

    @Test
    void pathVariableWinsOverPath() throws IOException {
        Path preferred = executable(tmp.resolve("opt/blender"));
        executable(tmp.resolve("bin/blender"));
        Map<String, String> env = Map.of("BLENDER", preferred.toString(), "PATH", tmp.resolve("bin").toString());
        assertEquals(Optional.of(preferred), locate(env, BlenderRenderer.BLENDER));
    }

    @Test
    void pathVariableNotExecutableFallsBackToPath() throws IOException {
        Path broken = plainFile(tmp.resolve("opt/blender"));
        Path onPath = executable(tmp.resolve("bin/blender"));
        Map<String, String> env = Map.of("BLENDER", broken.toString(), "PATH", tmp.resolve("bin").toString());
        assertEquals(Optional.of(onPath), locate(env, BlenderRenderer.BLENDER));
    }

    @Test
    void homeVariableWithTheProgramInside() throws IOException {
        Path maya = tmp.resolve("autodesk/maya2025");
        Path render = executable(maya.resolve("bin/Render"));
        Optional<Path> found = locate(Map.of("MAYA_LOCATION", maya.toString()), MayaRenderer.RENDER);
        assertEquals(Optional.of(render), found);
    }

    @Test
    void homeVariableWithoutTheProgramFallsBackToPath() throws IOException {
        Path render = executable(tmp.resolve("bin/Render"));
        Map<String, String> env = Map.of("MAYA_LOCATION", tmp.resolve("empty-maya").toString(),
                "PATH", tmp.resolve("bin").toString());
        assertEquals(Optional.of(render), locate(env, MayaRenderer.RENDER));
    }

    @Test
    void notFoundIsEmpty() {
        assertEquals(Optional.empty(), locate(Map.of("PATH", tmp.toString()), BlenderRenderer.BLENDER));
        assertEquals(Optional.empty(), locate(Map.of(), MayaRenderer.RENDER));
        assertEquals(Optional.empty(), locate(Map.of("BLENDER", tmp.resolve("nope").toString()), BlenderRenderer.BLENDER));
    }

    @Test
    void nonExecutableFileIsNotReturned() throws IOException {
        plainFile(tmp.resolve("blender"));
        Map<String, String> env = Map.of("PATH", tmp.toString(), "BLENDER", tmp.resolve("blender").toString());
        assertEquals(Optional.empty(), locate(env, BlenderRenderer.BLENDER));
    }

    @Test
    void directoryIsNotReturned() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mytool"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.empty(), locate(Map.of("PATH", tmp.toString()), Program.named("mytool")));
    }

    @Test
    void absoluteProgramPathIsUsedAsIs() throws IOException {
        Path tool = executable(tmp.resolve("tools/convert"));
        assertEquals(Optional.of(tool), locate(Map.of("PATH", ""), Program.named(tool.toString())));
        assertEquals(Optional.empty(), locate(Map.of("PATH", tmp.resolve("tools").toString()),
                Program.named(tmp.resolve("elsewhere/convert").toString())));
    }

    @Test
    void notFoundMessageForAProgramWithVariables() {
        String blender = ProgramLocator.notFoundMessage(BlenderRenderer.BLENDER);
        assertTrue(blender.startsWith("blender was not found"), blender);
        assertTrue(blender.contains("$BLENDER"), blender);
        assertTrue(blender.contains("PATH"), blender);
        assertTrue(blender.contains(BlenderRenderer.BLENDER.installHint()), blender);
        assertFalse(blender.contains("\n"), blender);

        String render = ProgramLocator.notFoundMessage(MayaRenderer.RENDER);
        assertTrue(render.startsWith("Render was not found"), render);
        assertTrue(render.contains("$MAYA_LOCATION"), render);
        assertTrue(render.contains(MayaRenderer.RENDER.installHint()), render);
    }

    @Test
    void notFoundMessageForAProgramKnownOnlyByName() {
        String msg = ProgramLocator.notFoundMessage(Program.named("ffmpeg"));
        assertTrue(msg.startsWith("ffmpeg was not found on PATH"), msg);
        assertTrue(msg.contains("Install ffmpeg"), msg);
        assertFalse(msg.contains("$"), msg);
    }

    @Test
    void notFoundMessageWithBothVariables() {
        Program p = new Program("tool", "TOOL", "TOOL_HOME", "bin/tool", "install tool.");
        assertEquals("tool was not found (looked at $TOOL, $TOOL_HOME and PATH): install tool.",
                ProgramLocator.notFoundMessage(p));
    }

    @Test
    void environmentIsCopied() throws IOException {
        Path tool = executable(tmp.resolve("bin/mytool"));
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", tool.getParent().toString()));
        ProgramLocator locator = new ProgramLocator(env);
        env.put("PATH", "");
        assertEquals(Optional.of(tool), locator.locate(Program.named("mytool")));
    }
}

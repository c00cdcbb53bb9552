package io.batchrender.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks, before a job exists, that a scene file is there, readable, and of the kind its renderer reads. */
public final class SceneFiles {

    private SceneFiles() {
    }

    /** A Blender file: plain ({@code BLENDER}), gzip- or zstd-compressed. */
    public static void requireBlend(Path scene) {
        byte[] head = readHead(scene, 7);
        boolean plain = new String(head, StandardCharsets.ISO_8859_1).equals("BLENDER");
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean zstd = head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4),
                new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        if (!plain && !gzip && !zstd) {
            throw new RenderSetupException("Scene " + scene + " is not a Blender file (no BLENDER header): "
                    + "save it from Blender as .blend and submit that.");
        }
    }

    /** A Maya file: Maya ASCII text starting with {@code //Maya}, or Maya Binary IFF ({@code FOR4}/{@code FOR8}). */
    public static void requireMaya(Path scene) {
        String head = new String(readHead(scene, 6), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("//Maya") && !head.startsWith("FOR4") && !head.startsWith("FOR8")) {
            throw new RenderSetupException("Scene " + scene + " is not a Maya scene (neither Maya ASCII nor Maya Binary): "
                    + "save it from Maya as .ma or .mb and submit that.");
        }
    }

    /** A folder that exists, for a project path. */
    public static void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RenderSetupException("Project folder " + folder + " does not exist: pass the folder that holds workspace.mel.");
        }
    }

    /** A scene path that names something on disk. */
    public static void requireExists(Path scene) {
        if (!Files.exists(scene)) {
            throw new RenderSetupException("Scene " + scene + " does not exist: check the path.");
        }
    }

    private static byte[] readHead(Path scene, int n) {
        requireExists(scene);
        if (Files.isDirectory(scene)) {
            throw new RenderSetupException("Scene " + scene + " is a folder: pass the scene file inside it.");
        }
        if (!Files.isReadable(scene)) {
            throw new RenderSetupException("Scene " + scene + " cannot be read: check its permissions (chmod u+r).");
        }
        try (InputStream in = Files.newInputStream(scene)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new RenderSetupException("Scene " + scene + " cannot be read (" + e.getMessage() + "): check the file and its permissions.");
        }
    }
}

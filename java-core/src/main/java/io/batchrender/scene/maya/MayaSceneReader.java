package io.batchrender.scene.maya;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads any Maya scene: picks {@link MayaAsciiReader} or {@link MayaBinaryReader} by the file's first bytes
 * ({@code //Maya} or {@code FOR4}/{@code FOR8}), never by its extension, since artists rename files.
 */
public final class MayaSceneReader {

    private MayaSceneReader() {
    }

    /** The two kinds of Maya scene. */
    public enum Format {
        /** Maya ASCII: MEL text starting with {@code //Maya}. */
        ASCII,
        /** Maya Binary: IFF starting with {@code FOR4} or {@code FOR8}. */
        BINARY
    }

    /**
     * Reads {@code scene} and reports what it says to {@code handler}, in file order. A missing file, a folder,
     * an unreadable file, a file that is no Maya scene or a damaged one ends in a {@link MayaSceneException}
     * whose one-line message says what to do; whatever the file held before the damage has been reported by then.
     */
    public static void read(Path scene, MayaSceneHandler handler) {
        switch (format(scene)) {
            case ASCII -> new MayaAsciiReader().read(scene, handler);
            case BINARY -> new MayaBinaryReader().read(scene, handler);
        }
    }

    /**
     * As {@link #read}, but a Maya ASCII scene of any size is read in chunks on all cores, the way scenes of 32 MB and
     * more are: the gateway's warm-up reads a scene of a few MB this way so that the chunked reading is compiled
     * before the artist's first big scan.
     */
    public static void readOnTwoThreads(Path scene, MayaSceneHandler handler) {
        switch (format(scene)) {
            case ASCII -> MayaAsciiReader.onTwoThreads().read(scene, handler);
            case BINARY -> new MayaBinaryReader().read(scene, handler);
        }
    }

    /** The format of {@code scene} by its first bytes. */
    public static Format format(Path scene) {
        if (!Files.exists(scene)) {
            throw new MayaSceneException("Scene " + scene + " does not exist: check the path.");
        }
        if (Files.isDirectory(scene)) {
            throw new MayaSceneException("Scene " + scene + " is a folder: pass the .ma or .mb file inside it.");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(scene)) {
            head = in.readNBytes(9);
        } catch (IOException e) {
            throw cannotRead(scene, e);
        }
        String s = new String(head, StandardCharsets.ISO_8859_1);
        if (s.startsWith("//Maya") || s.startsWith("\u00EF\u00BB\u00BF//Maya")) {
            return Format.ASCII;
        }
        if (s.startsWith("FOR4") || s.startsWith("FOR8")) {
            return Format.BINARY;
        }
        if (head.length == 0) {
            throw new MayaSceneException("Scene " + scene + " is empty: save the scene from Maya again.");
        }
        throw new MayaSceneException("Scene " + scene + " is not a Maya scene (it starts with neither //Maya nor FOR4/FOR8): "
                + "open it in Maya and save it as .ma or .mb.");
    }

    /**
     * The most one statement (Maya ASCII) or one string chunk (Maya Binary) may hold by default: 64 MiB or a
     * sixteenth of the JVM's maximum heap, whichever is smaller.
     */
    public static long defaultLimit() {
        return ReadLimit.defaultLimit();
    }

    static MayaSceneException cannotRead(Path scene, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new MayaSceneException("Scene " + scene + " does not exist: check the path.", e);
        }
        if (e instanceof AccessDeniedException || !Files.isReadable(scene)) {
            return new MayaSceneException("Scene " + scene + " cannot be read: check its permissions (chmod u+r).", e);
        }
        return new MayaSceneException("Scene " + scene + " cannot be read (" + e.getMessage() + "): check the file and its disk.", e);
    }
}

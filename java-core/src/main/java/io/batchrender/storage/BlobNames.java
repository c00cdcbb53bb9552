package io.batchrender.storage;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one rule that turns a local file path into the name of its blob in an asset project, so a
 * render node can find every file where the artist's scene says it is. The same function builds
 * the path map of a job: a node looks for {@code C:\proj\tex\a.png} under
 * {@code <asset root>/C/proj/tex/a.png}.
 *
 * <ul>
 *   <li>{@code C:\proj\tex\a.png} → {@code C/proj/tex/a.png} (the drive letter becomes the first folder, upper case)</li>
 *   <li>{@code /home/ana/proj/a.png} → {@code home/ana/proj/a.png}</li>
 *   <li>{@code \\server\share\x} → {@code server/share/x}; {@code \\?\C:\x} and {@code \\?\UNC\server\share\x} likewise</li>
 * </ul>
 *
 * Both {@code \} and {@code /} separate folders, whatever the platform, so a scene written on
 * Windows maps the same on Linux. Empty and {@code .} segments are dropped and {@code ..} is
 * resolved lexically; characters (Unicode, spaces) are kept exactly as given.
 */
public final class BlobNames {

    /** Azure's limit on the length of a blob name. */
    public static final int MAX_LENGTH = 1024;
    /** Azure's limit on the number of path segments in a blob name. */
    public static final int MAX_SEGMENTS = 254;

    private BlobNames() {
    }

    /**
     * The blob name of a local file.
     *
     * @param localPath an absolute path as the artist's machine spells it (Windows or POSIX)
     * @throws IllegalArgumentException when the path is empty, holds NUL, climbs above its root
     *                                  with {@code ..}, or is too long for a blob name
     */
    public static String forLocalPath(String localPath) {
        if (localPath == null || localPath.isBlank()) {
            throw new IllegalArgumentException("an empty path has no blob name");
        }
        if (localPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path holds a NUL character: " + localPath.replace('\0', '?'));
        }
        String p = localPath.replace('\\', '/');
        if (p.startsWith("//?/UNC/") || p.startsWith("//./UNC/")) {
            p = p.substring("//?/UNC/".length());
        } else if (p.startsWith("//?/") || p.startsWith("//./")) {
            p = p.substring(4);
        }
        if (p.length() >= 2 && p.charAt(1) == ':' && isAsciiLetter(p.charAt(0))) {
            p = Character.toUpperCase(p.charAt(0)) + "/" + p.substring(2);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("path climbs above its root: " + localPath);
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(s);
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("path names no file: " + localPath);
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("path has more than " + MAX_SEGMENTS + " folders: " + localPath);
        }
        String name = String.join("/", segments);
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("path is longer than a blob name may be (" + MAX_LENGTH + "): " + localPath);
        }
        return name;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}

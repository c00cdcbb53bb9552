package io.batchrender.assets;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A path as a Maya scene wrote it, parsed the same way on every OS: {@code /} and {@code \} both
 * separate, {@code .} and empty segments drop out, {@code ..} pops a segment (an absolute path
 * stops at its root; a relative one keeps its leading {@code ..} so that resolving it can refuse
 * to leave a root).
 *
 * @param written  the text as given
 * @param kind     absolute Windows drive, UNC, absolute POSIX or relative
 * @param root     {@code "C:"}, {@code "//server/share"}, {@code "/"} or {@code ""} (relative)
 * @param segments the normalized names below the root, the file name last
 */
public record ScenePath(String written, PathKind kind, String root, List<String> segments) {

    public ScenePath {
        segments = List.copyOf(segments);
    }

    public static ScenePath parse(String written) {
        String s = written.strip().replace('\\', '/');
        if (s.length() >= 2 && isDriveLetter(s.charAt(0)) && s.charAt(1) == ':') {
            String root = Character.toUpperCase(s.charAt(0)) + ":";
            return new ScenePath(written, PathKind.WINDOWS_DRIVE, root, normalize(s.substring(2), true));
        }
        if (s.startsWith("//") && !s.startsWith("///")) {
            List<String> parts = split(s.substring(2));
            if (parts.size() >= 2) {
                String root = "//" + parts.get(0) + "/" + parts.get(1);
                return new ScenePath(written, PathKind.UNC, root,
                        normalize(String.join("/", parts.subList(2, parts.size())), true));
            }
            String root = "//" + String.join("/", parts);
            return new ScenePath(written, PathKind.UNC, root, List.of());
        }
        if (s.startsWith("/")) {
            return new ScenePath(written, PathKind.POSIX_ABSOLUTE, "/", normalize(s, true));
        }
        return new ScenePath(written, PathKind.RELATIVE, "", normalize(s, false));
    }

    public boolean isAbsolute() {
        return kind.isAbsolute();
    }

    /** The last segment, {@code ""} when there is none. */
    public String fileName() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The folders above the file name. */
    public List<String> folders() {
        return segments.isEmpty() ? List.of() : segments.subList(0, segments.size() - 1);
    }

    /** True when a relative path climbs above the folder it is resolved against. */
    public boolean climbsAboveStart() {
        return kind == PathKind.RELATIVE && !segments.isEmpty() && segments.get(0).equals("..");
    }

    /** The normalized path with {@code /} separators. */
    public String normalized() {
        String body = String.join("/", segments);
        return switch (kind) {
            case RELATIVE -> body;
            case POSIX_ABSOLUTE -> "/" + body;
            case WINDOWS_DRIVE, UNC -> body.isEmpty() ? root + "/" : root + "/" + body;
        };
    }

    /**
     * This absolute path as a path of the given file system, when it is one of its kind: POSIX
     * paths on a {@code /} file system, drive and UNC paths on a {@code \} one. A path written on the
     * other OS has no local meaning and gives empty.
     */
    public Optional<Path> asLocal(FileSystem fs) {
        boolean windows = fs.getSeparator().equals("\\");
        return switch (kind) {
            case POSIX_ABSOLUTE -> windows ? Optional.empty() : Optional.of(fs.getPath(normalized()));
            case WINDOWS_DRIVE, UNC -> windows ? Optional.of(fs.getPath(normalized())) : Optional.empty();
            case RELATIVE -> Optional.empty();
        };
    }

    public Optional<Path> asLocal() {
        return asLocal(FileSystems.getDefault());
    }

    /**
     * This relative path resolved against {@code base}, provided the result stays inside
     * {@code root}; empty when it would escape (a {@code ..} too many) or the path is absolute.
     */
    public Optional<Path> resolveWithin(Path base, Path root) {
        if (isAbsolute()) {
            return Optional.empty();
        }
        Path normalRoot = root.toAbsolutePath().normalize();
        Path p = base.toAbsolutePath().normalize();
        for (String segment : segments) {
            p = p.resolve(segment);
        }
        p = p.normalize();
        return p.startsWith(normalRoot) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public String toString() {
        return normalized();
    }

    private static boolean isDriveLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        for (String part : s.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static List<String> normalize(String s, boolean absolute) {
        List<String> out = new ArrayList<>();
        for (String part : split(s)) {
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!absolute) {
                    out.add(part);
                }
                continue;
            }
            out.add(part);
        }
        return out;
    }
}

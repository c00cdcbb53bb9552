package io.batchrender.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Decides where a downloaded blob may land: inside the destination folder, or nowhere. Blob names
 * come from outside (anyone who can write to the container), so a name that is absolute, names a
 * drive, climbs with {@code ..}, holds NUL, a backslash or an empty segment, or reaches out
 * through a symbolic link in the destination is refused with the reason.
 */
public final class SafeBlobPath {

    private SafeBlobPath() {
    }

    /** Where a blob goes, or why it does not. */
    public sealed interface Verdict permits Inside, Refused {
    }

    /** The blob may be written to {@code path}, which lies inside the destination. */
    public record Inside(Path path) implements Verdict {
    }

    /** The blob must not be written; {@code reason} says why in a few words. */
    public record Refused(String reason) implements Verdict {
    }

    /**
     * Where {@code relativeName} (a blob name with any download prefix already removed) lands under
     * {@code destination}. Checks the name alone; {@link #checkParentInside} checks the disk.
     */
    public static Verdict resolve(Path destination, String relativeName) {
        if (relativeName.isEmpty()) {
            return new Refused("empty name");
        }
        if (relativeName.indexOf('\0') >= 0) {
            return new Refused("name holds a NUL character");
        }
        for (int i = 0; i < relativeName.length(); i++) {
            if (relativeName.charAt(i) < 0x20) {
                return new Refused("name holds a control character");
            }
        }
        if (relativeName.indexOf('\\') >= 0) {
            return new Refused("name holds a backslash");
        }
        if (relativeName.startsWith("/")) {
            return new Refused("absolute name");
        }
        if (relativeName.length() >= 2 && relativeName.charAt(1) == ':') {
            return new Refused("name starts with a drive letter");
        }
        for (String segment : relativeName.split("/", -1)) {
            if (segment.equals("..")) {
                return new Refused("name climbs out with '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return new Refused("name has an empty or '.' segment");
            }
        }
        Path root = destination.toAbsolutePath().normalize();
        Path target;
        try {
            target = root.resolve(relativeName).normalize();
        } catch (InvalidPathException e) {
            return new Refused("not a valid file name here");
        }
        if (!target.startsWith(root) || target.equals(root)) {
            return new Refused("lands outside the destination");
        }
        return new Inside(target);
    }

    /**
     * Checks on disk that the deepest existing folder above {@code target} is really inside
     * {@code destination} (no symbolic link leads out). Call after {@link #resolve} and before
     * creating folders.
     */
    public static Verdict checkParentInside(Path destination, Path target) throws IOException {
        Path root = destination.toAbsolutePath().normalize().toRealPath();
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            return new Refused("a link in the destination leads outside it");
        }
        if (Files.isSymbolicLink(target)) {
            return new Refused("the file there is a symbolic link");
        }
        return new Inside(target);
    }
}

package io.batchrender.farm;

import java.util.Optional;

/**
 * One file a completed task produced, as the farm keeps it.
 *
 * @param taskId   the task that wrote it
 * @param name     its path relative to the job's outputs, '/'-separated, never absolute or with '..'
 * @param size     its length in bytes
 * @param checksum its checksum when the farm knows one
 */
public record OutputFile(String taskId, String name, long size, Optional<Checksum> checksum) {

    public OutputFile {
        if (!isSafeName(name)) {
            throw new IllegalArgumentException("output name '" + name + "' is not a relative path inside the job");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }

    /**
     * True for a name that stays inside the folder it is resolved against on every platform: not
     * empty, relative, no {@code ..} or {@code .} parts, no backslashes, colons or control characters.
     */
    public static boolean isSafeName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == '\\' || c == ':' || c == 0x7f) {
                return false;
            }
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}

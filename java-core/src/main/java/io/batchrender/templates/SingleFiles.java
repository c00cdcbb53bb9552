package io.batchrender.templates;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a file group's prefix that names exactly one file, which the Batch CLI extensions put at
 * the resource file's {@code filePath} itself instead of treating {@code filePath} as a folder
 * ({@code azext/batch/_file_utils.py convert_blobs_to_resource_files}: "Single file reference:
 * filePath should be treated as file path"). Each container is listed once (as the extensions
 * cache it, {@code list_container_contents}).
 */
final class SingleFiles {

    /** Finds nothing: every file-group resource file keeps its folder form. */
    static final SingleFiles NONE = new SingleFiles(null);

    private final FileGroupFiles files;
    private final Map<String, NavigableMap<String, SourceFile>> listed = new ConcurrentHashMap<>();

    SingleFiles(FileGroupFiles files) {
        this.files = files;
    }

    /**
     * The one file of {@code container} whose name starts with {@code prefix}, when that file's
     * name is {@code prefix} itself. Empty when the prefix names no file, several, or a folder,
     * and when the container cannot be listed here (no store, no such container): the farm checks
     * that the container exists before it submits, and Batch then fetches the prefix as a folder.
     */
    Optional<SourceFile> only(String container, String prefix) {
        if (files == null || prefix.isEmpty()) {
            return Optional.empty();
        }
        NavigableMap<String, SourceFile> all = listed.computeIfAbsent(container, this::list);
        Map.Entry<String, SourceFile> first = all.ceilingEntry(prefix);
        if (first == null || !first.getKey().equals(prefix)) {
            return Optional.empty();
        }
        Map.Entry<String, SourceFile> next = all.higherEntry(prefix);
        return next != null && next.getKey().startsWith(prefix) ? Optional.empty() : Optional.of(first.getValue());
    }

    private NavigableMap<String, SourceFile> list(String container) {
        NavigableMap<String, SourceFile> out = new TreeMap<>();
        try {
            files.list(container, "").forEach(f -> out.put(f.name(), f));
        } catch (RuntimeException e) {
            // not listable here (FileGroupFiles.none(), no such container): the folder form, as said above
        }
        return out;
    }
}

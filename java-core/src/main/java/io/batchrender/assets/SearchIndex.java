package io.batchrender.assets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The files under one search path, by name, walked once: finding a name among them costs a map
 * look-up, not a disk walk, however many references are resolved.
 */
final class SearchIndex {

    private static final Comparator<Path> SHALLOW_FIRST =
            Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder());

    private final Path root;
    private final boolean truncated;
    private final int size;
    private final NavigableMap<String, List<Path>> byName = new TreeMap<>();

    private SearchIndex(Path root, DirectoryReader.Walk walk) {
        this.root = root;
        this.truncated = walk.truncated();
        this.size = walk.files().size();
        for (Path file : walk.files()) {
            byName.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(file);
        }
    }

    static SearchIndex build(Path root, DirectoryReader reader, SearchLimits limits) {
        return new SearchIndex(root, reader.walk(root, limits));
    }

    Path root() {
        return root;
    }

    /** True when the walk stopped at a limit, so a file may exist here unindexed. */
    boolean truncated() {
        return truncated;
    }

    int size() {
        return size;
    }

    /**
     * The matching files grouped by folder, shallowest folder first (then in path order), files
     * sorted within a folder: a sequence is taken from one folder, never stitched from several.
     */
    List<List<Path>> matchesByFolder(FilePattern pattern) {
        Map<String, List<Path>> candidates = pattern.isPattern()
                ? byName.subMap(pattern.literalPrefix(), true, pattern.literalPrefix() + Character.MAX_VALUE, true)
                : byName.containsKey(pattern.text()) ? Map.of(pattern.text(), byName.get(pattern.text())) : Map.of();
        TreeMap<Path, List<Path>> byFolder = new TreeMap<>(SHALLOW_FIRST);
        candidates.forEach((name, files) -> {
            if (pattern.matches(name)) {
                for (Path f : files) {
                    byFolder.computeIfAbsent(f.getParent(), k -> new ArrayList<>()).add(f);
                }
            }
        });
        List<List<Path>> groups = new ArrayList<>();
        for (List<Path> files : byFolder.values()) {
            files.sort(null);
            groups.add(List.copyOf(files));
        }
        return groups;
    }
}

package io.batchrender.assets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each folder listed once: every reference into the same folder reuses its listing. */
final class FolderListings {

    private final DirectoryReader reader;
    private final Map<Path, List<String>> listings = new ConcurrentHashMap<>();

    FolderListings(DirectoryReader reader) {
        this.reader = reader;
    }

    /** The files of {@code dir} that match, as absolute paths, sorted. */
    List<Path> matches(Path dir, FilePattern pattern) {
        List<String> names = listings.computeIfAbsent(dir, d -> List.copyOf(reader.listFiles(d)));
        return pattern.select(names).stream().map(dir::resolve).toList();
    }

    /** Files of a folder listed before whose names match but for case. */
    List<Path> caseMismatches(Path dir, FilePattern pattern) {
        List<String> names = listings.getOrDefault(dir, List.of());
        return names.stream().filter(pattern::matchesIgnoringCase).sorted(NaturalOrder.INSTANCE).map(dir::resolve).toList();
    }
}

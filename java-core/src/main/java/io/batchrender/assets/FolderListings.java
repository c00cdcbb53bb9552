package io.batchrender.assets;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each folder listed once: every reference into the same folder reuses its listing. The listings kept are bounded
 * ({@value #MAX_NAMES} names in all, the least recently used folder dropped first), so a scene naming files in
 * tens of thousands of folders (an asset library's UDIM tiles) does not hold every listing at once; a folder is
 * listed again only if it was dropped, which references grouped by folder, as scenes name them, never cause.
 */
final class FolderListings {

    static final int MAX_NAMES = 65_536;

    private final DirectoryReader reader;
    private final Map<Path, List<String>> listings = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, List<String>> eldest) {
            if (names > MAX_NAMES && size() > 1) {
                names -= eldest.getValue().size();
                return true;
            }
            return false;
        }
    };
    private long names;

    FolderListings(DirectoryReader reader) {
        this.reader = reader;
    }

    private synchronized List<String> listing(Path dir) {
        List<String> names = listings.get(dir);
        if (names == null) {
            names = List.copyOf(reader.listFiles(dir));
            this.names += names.size();
            listings.put(dir, names);
        }
        return names;
    }

    /** The files of {@code dir} that match, as absolute paths, sorted. */
    List<Path> matches(Path dir, FilePattern pattern) {
        return pattern.select(listing(dir)).stream().map(dir::resolve).toList();
    }

    /** Files of a folder looked in before whose names match but for case. */
    List<Path> caseMismatches(Path dir, FilePattern pattern) {
        return listing(dir).stream().filter(pattern::matchesIgnoringCase).sorted(NaturalOrder.INSTANCE).map(dir::resolve)
                .toList();
    }
}

package io.batchrender.assets;

import java.nio.file.Path;
import java.util.List;

/** The only disk access of asset resolution: list one folder, or walk a search path within limits. */
public interface DirectoryReader {

    /** The names of the regular files in {@code dir}, sorted; empty when it is not a readable folder. */
    List<String> listFiles(Path dir);

    /**
     * The regular files under {@code root}, breadth first and sorted within each folder, within the
     * limits; symbolic links to folders are not followed.
     */
    Walk walk(Path root, SearchLimits limits);

    /** The files a walk found, and whether a limit cut it short. */
    record Walk(List<Path> files, boolean truncated) {
        public Walk {
            files = List.copyOf(files);
        }
    }

    static DirectoryReader local() {
        return new LocalDirectoryReader();
    }
}

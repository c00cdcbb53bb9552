package io.batchrender.assets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a reference's files are.
 *
 * @param ref     the reference
 * @param status  found, missing, or a pattern that matched no file
 * @param files   the files found, absolute, in sequence order (several for a pattern, none when not found)
 * @param foundBy how they were found: {@code as-written}, {@code project-rule:RULE}, {@code scene-folder},
 *                {@code project-root}, {@code sourceimages}, {@code cwd} or {@code search-path:DIR}
 * @param problem what an artist should know: why nothing was found, an unknown variable, a path that
 *                only resolved by its name
 */
public record ResolvedAsset(AssetReference ref, Status status, List<Path> files, Optional<String> foundBy,
        Optional<String> problem) {

    /** The outcome of resolving one reference. */
    public enum Status {
        FOUND, MISSING, EMPTY_PATTERN;

        /** {@code found}, {@code missing} or {@code empty-pattern}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ResolvedAsset {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        files = List.copyOf(files);
        Objects.requireNonNull(foundBy, "foundBy");
        Objects.requireNonNull(problem, "problem");
        if ((status == Status.FOUND) == files.isEmpty()) {
            throw new IllegalArgumentException("a found asset has files, any other has none: " + status);
        }
    }
}

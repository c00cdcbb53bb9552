package io.batchrender.assets;

/**
 * How far a recursive search path is indexed: at most {@code maxDepth} folders below the search
 * path and {@code maxFiles} files in all, so a search path pointing at a whole file server costs
 * a bounded walk.
 */
public record SearchLimits(int maxDepth, int maxFiles) {

    public static final SearchLimits DEFAULT = new SearchLimits(8, 200_000);

    public SearchLimits {
        if (maxDepth < 0 || maxFiles < 1) {
            throw new IllegalArgumentException("search limits must be depth >= 0 and files >= 1: "
                    + maxDepth + ", " + maxFiles);
        }
    }
}

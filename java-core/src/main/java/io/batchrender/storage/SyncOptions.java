package io.batchrender.storage;

import java.time.Duration;

/**
 * How hard a sync pushes.
 *
 * @param parallelFiles  the most files in flight at once
 * @param adaptive       whether the number in flight adapts to the link below {@code parallelFiles}
 *                       ({@link AdaptiveLimit}); otherwise it is {@code parallelFiles}
 * @param bytesPerSecond the most bytes a second the whole sync sends, over all its connections (0: no limit)
 * @param attempts       tries per file before it is reported failed (the store's client retries requests too)
 * @param firstBackoff   wait after the first failed try; doubled after each further one
 * @param progressEvery  how often the listener hears from a running sync
 */
public record SyncOptions(int parallelFiles, boolean adaptive, long bytesPerSecond, int attempts,
                          Duration firstBackoff, Duration progressEvery) {

    /** The most files in flight a sync that adapts ever reaches. */
    public static final int MAX_IN_FLIGHT = 64;

    public SyncOptions {
        if (parallelFiles < 1 || attempts < 1) {
            throw new IllegalArgumentException("parallelFiles and attempts must be at least 1");
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a rate limit is 0 (none) or more bytes per second");
        }
    }

    /** A fixed number of files in flight, no rate limit. */
    public SyncOptions(int parallelFiles, int attempts, Duration firstBackoff, Duration progressEvery) {
        this(parallelFiles, false, 0, attempts, firstBackoff, progressEvery);
    }

    /** Files in flight adapting to the link up to {@link #MAX_IN_FLIGHT}, no rate limit, 4 tries each starting at 1 s, progress 4 times a second. */
    public static SyncOptions defaults() {
        return new SyncOptions(MAX_IN_FLIGHT, true, 0, 4, Duration.ofSeconds(1), Duration.ofMillis(250));
    }

    /** These options with the sync's bytes a second capped (0: no limit). */
    public SyncOptions withRateLimit(long bytesPerSecond) {
        return new SyncOptions(parallelFiles, adaptive, bytesPerSecond, attempts, firstBackoff, progressEvery);
    }

    /** These options with at most {@code n} files in flight, fixed. */
    public SyncOptions withFixedParallel(int n) {
        return new SyncOptions(n, false, bytesPerSecond, attempts, firstBackoff, progressEvery);
    }

    AdaptiveLimit newLimit() {
        return adaptive ? AdaptiveLimit.upTo(parallelFiles) : AdaptiveLimit.fixed(parallelFiles);
    }
}

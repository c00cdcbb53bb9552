package io.batchrender.storage;

import java.time.Duration;

/**
 * How hard a sync pushes.
 *
 * @param parallelFiles files in flight at once (small files are latency-bound: many at once fill the link)
 * @param attempts      tries per file before it is reported failed (the store's client retries requests too)
 * @param firstBackoff  wait after the first failed try; doubled after each further one
 * @param progressEvery how often the listener hears from a running sync
 */
public record SyncOptions(int parallelFiles, int attempts, Duration firstBackoff, Duration progressEvery) {

    public SyncOptions {
        if (parallelFiles < 1 || attempts < 1) {
            throw new IllegalArgumentException("parallelFiles and attempts must be at least 1");
        }
    }

    /** 16 files in flight, 4 tries each starting at 1 s, progress 4 times a second. */
    public static SyncOptions defaults() {
        return new SyncOptions(16, 4, Duration.ofSeconds(1), Duration.ofMillis(250));
    }
}

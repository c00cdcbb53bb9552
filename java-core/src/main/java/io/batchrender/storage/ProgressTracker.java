package io.batchrender.storage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Counts a sync's files and bytes from many threads and makes {@link SyncProgress} snapshots. */
final class ProgressTracker {

    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final LongSupplier nanoClock;
    private final long start;
    private volatile SyncProgress.Phase phase = SyncProgress.Phase.SCANNING;
    private volatile int filesTotal;
    private volatile long bytesTotal;
    final AtomicInteger uploaded = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger hashed = new AtomicInteger();
    final AtomicLong bytesDone = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong bytesUploaded = new AtomicLong();
    private final Deque<long[]> samples = new ArrayDeque<>();

    ProgressTracker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    void phase(SyncProgress.Phase p) {
        phase = p;
    }

    void totals(int files, long bytes) {
        filesTotal = files;
        bytesTotal = bytes;
    }

    /** Bytes sent by an upload in flight (negative to take back an attempt that failed). */
    void sent(long bytes) {
        bytesDone.addAndGet(bytes);
        if (bytes > 0) {
            bytesSent.addAndGet(bytes);
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - start);
    }

    synchronized SyncProgress snapshot() {
        long now = nanoClock.getAsLong();
        long sentNow = bytesSent.get();
        samples.addLast(new long[] {now, sentNow});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double seconds = (now - first[0]) / 1e9;
        double rate = seconds > 0.2 ? (sentNow - first[1]) / seconds : 0;
        long done = bytesDone.get();
        Optional<Duration> eta = rate > 0 && bytesTotal > done
                ? Optional.of(Duration.ofMillis((long) ((bytesTotal - done) / rate * 1000))) : Optional.empty();
        return new SyncProgress(phase, filesTotal, uploaded.get(), skipped.get(), failed.get(), bytesTotal, done,
                rate, eta, Duration.ofNanos(now - start));
    }
}

package io.batchrender.storage;

import java.util.function.LongSupplier;

/**
 * How many transfers a sync keeps in flight, found from the link rather than fixed: it doubles while each
 * window's throughput still rises by more than {@link #RISE} over the best seen (more in flight fills more of
 * the link; TCP's slow start), stops growing once it does not, then adds one at a time while throughput
 * still rises and requests are not queueing, and halves on a failed request (AIMD, as TCP does); when
 * requests start to take more than {@link #SLOW} times the fastest seen and throughput has stopped rising,
 * it gives one back (queueing, not sending).
 * Windows close after at least {@link #WINDOW_NANOS} and as many completions as the limit, so a
 * window sees every slot used at least once. Thread-safe; callers block in {@link #acquire}.
 */
public final class AdaptiveLimit {

    static final double RISE = 1.10;
    static final double SLOW = 4.0;
    static final long WINDOW_NANOS = 150_000_000L;

    private final int max;
    private final LongSupplier clock;
    private int limit;
    private int inFlight;
    private boolean growing = true;
    private long windowStart;
    private long windowBytes;
    private int windowDone;
    private double bestRate;
    private long fastestNanos = Long.MAX_VALUE;
    private long windowNanosSum;

    /** Starts at {@code start} in flight, never above {@code max} nor below 1. */
    public AdaptiveLimit(int start, int max, LongSupplier nanoClock) {
        if (start < 1 || max < start) {
            throw new IllegalArgumentException("need 1 <= start <= max");
        }
        this.limit = start;
        this.max = max;
        this.clock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * Up to {@code max} in flight, starting at {@value #START}: what a sync uses by default. Measured through a
     * 30 ms, 20 MB/s link to Azurite (bench/upload.sh), 1,000 files of 64 KB need far more in flight than the
     * bandwidth-delay product (10) says, because the service's and the client's own time per request adds to the
     * round trip: 12 fixed took 5.1 s, 24 took 4.0 s, 48 took 3.7 s; starting at 4 spent the first second
     * climbing.
     */
    public static AdaptiveLimit upTo(int max) {
        return new AdaptiveLimit(Math.min(START, max), max, System::nanoTime);
    }

    static final int START = 16;

    /** A fixed number in flight (never adapts). */
    public static AdaptiveLimit fixed(int n) {
        return new AdaptiveLimit(n, n, System::nanoTime);
    }

    public synchronized int limit() {
        return limit;
    }

    /** Waits for a slot. */
    public synchronized void acquire() throws InterruptedException {
        while (inFlight >= limit) {
            wait();
        }
        inFlight++;
    }

    /** A request failed and will be tried again: halves the limit (the slots in use drain to it). */
    public synchronized void failed() {
        limit = Math.max(1, limit / 2);
        growing = false;
    }

    /** Gives the slot back, saying how it went: bytes sent and how long the transfer took. */
    public synchronized void release(long bytes, long nanos) {
        inFlight--;
        fastestNanos = Math.min(fastestNanos, Math.max(1, nanos));
        windowBytes += bytes;
        windowDone++;
        windowNanosSum += nanos;
        long now = clock.getAsLong();
        long span = now - windowStart;
        if (span >= WINDOW_NANOS && windowDone >= limit) {
            double rate = windowBytes * 1e9 / span;
            double meanNanos = (double) windowNanosSum / windowDone;
            if (rate > bestRate * RISE) {
                if (growing) {
                    limit = Math.min(max, limit * 2);
                } else if (meanNanos < SLOW * fastestNanos) {
                    limit = Math.min(max, limit + 1);
                }
            } else {
                growing = false;
                if (meanNanos > SLOW * fastestNanos && limit > 1) {
                    limit--;
                }
            }
            bestRate = Math.max(bestRate, rate);
            windowStart = now;
            windowBytes = 0;
            windowDone = 0;
            windowNanosSum = 0;
        }
        notifyAll();
    }
}

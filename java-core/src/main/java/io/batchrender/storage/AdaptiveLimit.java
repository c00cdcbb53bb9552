package io.batchrender.storage;

import java.util.function.LongSupplier;

/**
 * How many transfers a sync keeps in flight, found from the link rather than fixed: it starts small,
 * grows by half while each window's throughput still rises by more than {@link #RISE} over the best
 * seen (more in flight fills more of the link), stops growing once it does not, and halves on a
 * failed request (AIMD, as TCP does); when requests start to take more than {@link #SLOW} times the
 * fastest seen and throughput has stopped rising, it gives one back (queueing, not sending).
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

    /** Up to {@code max} in flight, starting at 4: what a sync uses by default. */
    public static AdaptiveLimit upTo(int max) {
        return new AdaptiveLimit(Math.min(4, max), max, System::nanoTime);
    }

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
                if (growing || meanNanos < SLOW * fastestNanos) {
                    limit = Math.min(max, limit + Math.max(1, limit / 2));
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

package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-flight limit against a model link: {@code capacity} bytes a second shared by the requests in flight,
 * each request {@code size} bytes plus a fixed round trip. Throughput rises with the number in flight until the
 * link is full (about 1 + round trip x capacity / size), then only the time each request waits grows; the limit
 * must climb to about there and stop (by doubling, so at most one doubling past it).
 */
class AdaptiveLimitTest {

    private final AtomicLong now = new AtomicLong();

    /** Runs rounds of requests at the current limit through the model link for {@code seconds} of model time. */
    private int drive(AdaptiveLimit limit, double capacity, double size, double rttSeconds, double seconds)
            throws Exception {
        long end = now.get() + (long) (seconds * 1e9);
        while (now.get() < end) {
            int n = limit.limit();
            // n requests kept in flight: each takes its round trip and its own sending time, or, once the link is
            // full, waits for the n before it to be sent (queueing)
            long nanos = (long) (Math.max(rttSeconds + size / capacity, n * size / capacity) * 1e9);
            for (int i = 0; i < n; i++) {
                limit.acquire();
            }
            now.addAndGet(nanos);
            for (int i = 0; i < n; i++) {
                limit.release((long) size, nanos);
            }
        }
        return limit.limit();
    }

    @Test
    void growsWhileThroughputRisesThenStops() throws Exception {
        // 20 MB/s, 64 KB files, 30 ms: about 9 files fill the round trip; throughput is flat beyond that
        AdaptiveLimit limit = new AdaptiveLimit(2, 64, now::get);
        int reached = drive(limit, 20e6, 65536, 0.030, 10);
        assertTrue(reached >= 9, "grew to fill the link, got " + reached);
        // doubling overshoots by at most one step past the first count that fills the link (16 here), then a few
        // single steps while requests do not yet queue
        assertTrue(reached <= 36, "stopped growing once the link was full, got " + reached);
    }

    @Test
    void aFasterLinkGetsMoreInFlight() throws Exception {
        int slow = drive(new AdaptiveLimit(2, 64, now::get), 10e6, 65536, 0.030, 10);
        int fast = drive(new AdaptiveLimit(2, 64, now::get), 80e6, 65536, 0.030, 10);
        assertTrue(fast > slow, "80 MB/s " + fast + " vs 10 MB/s " + slow);
    }

    @Test
    void halvesOnAFailureAndNeverExceedsItsBounds() throws Exception {
        AdaptiveLimit limit = new AdaptiveLimit(16, 16, now::get);
        limit.failed();
        assertEquals(8, limit.limit());
        for (int i = 0; i < 10; i++) {
            limit.failed();
        }
        assertEquals(1, limit.limit());
        AdaptiveLimit capped = new AdaptiveLimit(2, 5, now::get);
        assertTrue(drive(capped, 1e12, 65536, 0.030, 10) <= 5);
    }

    @Test
    void acquireWaitsForAFreeSlot() throws Exception {
        AdaptiveLimit limit = AdaptiveLimit.fixed(1);
        limit.acquire();
        Thread t = new Thread(() -> {
            try {
                limit.acquire();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(200);
        assertTrue(t.isAlive(), "a second acquire waits while the one slot is taken");
        limit.release(1, 1);
        t.join(5000);
        assertTrue(!t.isAlive(), "and goes once it is given back");
    }
}

package io.batchrender.watch;

import com.google.common.util.concurrent.RateLimiter;

/**
 * Keeps a download under a number of bytes per second (0: no limit), so a watcher does not take
 * the whole of a studio's line while artists work: Guava's {@link RateLimiter}, a permit a byte
 * (it lets up to a second's worth through after a pause, then keeps the rate). Sleeps the caller
 * when it is ahead; an interrupt during the sleep ends the download after it.
 */
final class RateLimit {

    private final RateLimiter limiter;

    RateLimit(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a rate limit is 0 (none) or more bytes per second");
        }
        this.limiter = bytesPerSecond == 0 ? null : RateLimiter.create(bytesPerSecond);
    }

    void took(int n) throws InterruptedException {
        if (limiter != null && n > 0) {
            limiter.acquire(n);
            if (Thread.interrupted()) {
                throw new InterruptedException("download stopped");
            }
        }
    }

    /**
     * Reads {@code 500k}, {@code 20M}, {@code 1G} or a bare number of bytes per second; 0 is no limit.
     * Throws {@link IllegalArgumentException} with the accepted forms.
     */
    static long parse(String text) {
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
                case 'k' -> unit = 1024;
                case 'm' -> unit = 1024 * 1024;
                case 'g' -> unit = 1024L * 1024 * 1024;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        if (!digits.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write bytes per second, e.g. 500k, 20M or 0 for no limit");
        }
        return Long.parseLong(digits) * unit;
    }
}

package io.batchrender.storage;

import com.google.common.util.concurrent.RateLimiter;

/**
 * Keeps a transfer under a number of bytes per second (0: no limit), so a watcher's downloads or a
 * sync's uploads do not take the whole of a studio's line while artists work: Guava's
 * {@link RateLimiter}, a permit a byte (it lets up to a second's worth through after a pause, then
 * keeps the rate). One instance is shared by every connection of a transfer, so the limit is on
 * their sum. Sleeps the caller when it is ahead; an interrupt during the sleep ends the transfer after it.
 */
public final class RateLimit {

    private final RateLimiter limiter;

    public RateLimit(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a rate limit is 0 (none) or more bytes per second");
        }
        this.limiter = bytesPerSecond == 0 ? null : RateLimiter.create(bytesPerSecond);
    }

    public void took(long n) throws InterruptedException {
        if (limiter != null && n > 0) {
            // RateLimiter takes an int of permits: a block of more than 2 GiB is paid for in parts
            for (long left = n; left > 0; left -= Integer.MAX_VALUE) {
                limiter.acquire((int) Math.min(left, Integer.MAX_VALUE));
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("transfer stopped");
            }
        }
    }

    /**
     * Reads {@code 500k}, {@code 20M}, {@code 1G} or a bare number of bytes per second; 0 is no limit.
     * Throws {@link IllegalArgumentException} with the accepted forms.
     */
    public static long parse(String text) {
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

package io.batchrender.watch;

import io.batchrender.storage.RateLimit;
import java.time.Duration;

/**
 * How a watcher works.
 *
 * @param poll           how often it asks the farm for news
 * @param bytesPerSecond download limit, 0 for none
 * @param attempts       how many times one output is tried before it is given up on
 */
public record WatchOptions(Duration poll, long bytesPerSecond, int attempts) {

    public static final WatchOptions DEFAULT = new WatchOptions(Duration.ofSeconds(2), 0, 3);

    public WatchOptions {
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("the poll interval must be longer than zero");
        }
        if (bytesPerSecond < 0 || attempts < 1) {
            throw new IllegalArgumentException("a rate limit is 0 or more, attempts 1 or more");
        }
    }

    /** Reads a rate as {@code 500k}, {@code 20M} or bytes; see {@link RateLimit#parse}. */
    public static long parseRate(String text) {
        return RateLimit.parse(text);
    }
}

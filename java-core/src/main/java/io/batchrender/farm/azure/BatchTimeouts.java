package io.batchrender.farm.azure;

import java.time.Duration;

/**
 * How long one try of a Batch request may take, and how many tries there are. There is no limit on a
 * whole call across its tries: a 429 or 503 asks to be retried after its Retry-After, and a bound
 * on the whole call would cut that wait short and fail a request the service asked us to repeat.
 * Every try is bounded instead (connecting, then each read), and so is the number of tries, so a
 * call still ends: {@link #worstCase}.
 *
 * @param connect     connecting to the service
 * @param read        waiting for the answer's next bytes (a lost answer is found after this)
 * @param attempts    tries in all, the first included
 * @param backoff     the first wait before a try after a 5xx or a lost answer (then doubled)
 */
public record BatchTimeouts(Duration connect, Duration read, int attempts, Duration backoff) {

    /** The longest wait between two tries (a Retry-After above it is cut to it). */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    public BatchTimeouts {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one try");
        }
    }

    /** 15 s to connect, 90 s for an answer, 6 tries. */
    public static BatchTimeouts standard(Duration backoff) {
        return new BatchTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(90), 6, backoff);
    }

    public BatchTimeouts withRead(Duration read) {
        return new BatchTimeouts(connect, read, attempts, backoff);
    }

    /** The longest a call can take with every try timing out and every wait at its longest. */
    public Duration worstCase() {
        return connect.plus(read).plus(MAX_WAIT).multipliedBy(attempts);
    }
}

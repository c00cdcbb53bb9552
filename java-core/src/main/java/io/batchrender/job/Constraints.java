package io.batchrender.job;

import java.time.Duration;
import java.util.Optional;

/**
 * Batch's {@code constraints} of a job or a task
 * (https://learn.microsoft.com/rest/api/batchservice/job/add#jobconstraints and #taskconstraints).
 *
 * @param maxWallClockTime  how long the job (or one attempt of the task) may run; empty: without limit
 * @param maxTaskRetryCount how many times a failed task is tried again; -1 without limit; empty: the
 *                          job's (for a task) or 0 (for a job), as Batch does
 */
public record Constraints(Optional<Duration> maxWallClockTime, Optional<Integer> maxTaskRetryCount) {

    public static final Constraints NONE = new Constraints(Optional.empty(), Optional.empty());

    public Constraints {
        maxWallClockTime = maxWallClockTime == null ? Optional.empty() : maxWallClockTime; // absent in stored JSON
        maxTaskRetryCount = maxTaskRetryCount == null ? Optional.empty() : maxTaskRetryCount;
        maxWallClockTime.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxWallClockTime must be longer than zero");
            }
        });
        maxTaskRetryCount.ifPresent(n -> {
            if (n < -1) {
                throw new IllegalArgumentException("maxTaskRetryCount must be -1 (no limit) or more");
            }
        });
    }

    public static Constraints of(int retries, Optional<Duration> wallClock) {
        return new Constraints(wallClock, Optional.of(retries));
    }
}

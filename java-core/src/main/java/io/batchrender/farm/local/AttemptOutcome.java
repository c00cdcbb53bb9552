package io.batchrender.farm.local;

import io.batchrender.farm.TaskFailure;
import java.util.Optional;

/**
 * How an attempt ended, and so what happens to its task.
 *
 * @param kind     what to do with the task
 * @param exitCode the process's exit code, when it exited
 * @param failure  why it failed, when it did
 */
record AttemptOutcome(Kind kind, Optional<Integer> exitCode, Optional<TaskFailure> failure) {

    enum Kind {
        /** Done: completed, success. */
        SUCCEEDED,
        /** Failed: tried again while retries are left, else completed with failure. */
        FAILED,
        /** Failed in a way a retry cannot fix (renderer missing): completed with failure now. */
        FAILED_FINAL,
        /** Interrupted through no fault of the task (pool shrunk, agent stopped): back to active, uncounted. */
        REQUEUED,
        /** The job was cancelled or deleted: completed with failure. */
        CANCELLED
    }

    static AttemptOutcome succeeded(int exitCode) {
        return new AttemptOutcome(Kind.SUCCEEDED, Optional.of(exitCode), Optional.empty());
    }

    static AttemptOutcome failed(Optional<Integer> exitCode, String code, String message) {
        return new AttemptOutcome(Kind.FAILED, exitCode, Optional.of(new TaskFailure(code, message)));
    }

    static AttemptOutcome failedFinal(String code, String message) {
        return new AttemptOutcome(Kind.FAILED_FINAL, Optional.empty(), Optional.of(new TaskFailure(code, message)));
    }

    static AttemptOutcome requeued() {
        return new AttemptOutcome(Kind.REQUEUED, Optional.empty(), Optional.empty());
    }

    static AttemptOutcome cancelled(Optional<Integer> exitCode) {
        return new AttemptOutcome(Kind.CANCELLED, exitCode,
                Optional.of(new TaskFailure(TaskFailure.CANCELLED, "The job was cancelled.")));
    }
}

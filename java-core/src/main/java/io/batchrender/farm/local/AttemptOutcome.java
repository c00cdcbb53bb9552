package io.batchrender.farm.local;

import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskTransitions;
import java.util.Optional;

/**
 * How an attempt ended, and so what happens to its task.
 *
 * @param kind     what happens to the task ({@link TaskTransitions})
 * @param exitCode the process's exit code, when it exited
 * @param failure  why it failed, when it did
 */
record AttemptOutcome(TaskTransitions.Event kind, Optional<Integer> exitCode, Optional<TaskFailure> failure) {

    static AttemptOutcome succeeded(int exitCode) {
        return new AttemptOutcome(TaskTransitions.Event.SUCCEEDED, Optional.of(exitCode), Optional.empty());
    }

    static AttemptOutcome failed(Optional<Integer> exitCode, String code, String message) {
        return new AttemptOutcome(TaskTransitions.Event.FAILED, exitCode, Optional.of(new TaskFailure(code, message)));
    }

    static AttemptOutcome failedFinal(String code, String message) {
        return new AttemptOutcome(TaskTransitions.Event.FAILED_FINAL, Optional.empty(), Optional.of(new TaskFailure(code, message)));
    }

    static AttemptOutcome requeued() {
        return new AttemptOutcome(TaskTransitions.Event.REQUEUED, Optional.empty(), Optional.empty());
    }

    static AttemptOutcome cancelled(Optional<Integer> exitCode) {
        return new AttemptOutcome(TaskTransitions.Event.CANCELLED, exitCode,
                Optional.of(new TaskFailure(TaskFailure.CANCELLED, "The job was cancelled.")));
    }
}

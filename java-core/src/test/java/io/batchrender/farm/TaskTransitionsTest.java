package io.batchrender.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchrender.farm.TaskTransitions.Event;
import io.batchrender.farm.TaskTransitions.Next;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The task state table, without a farm: every move, and the moves it refuses. */
class TaskTransitionsTest {

    private static Next next(TaskState state, TaskResult result, int attempts, int failures, int requeues) {
        return new Next(state, Optional.ofNullable(result), attempts, failures, requeues);
    }

    @Test
    void aWaitingTaskStartsOrNeverDoes() {
        assertEquals(next(TaskState.RUNNING, null, 1, 0, 0), TaskTransitions.after(TaskState.ACTIVE, Event.CLAIMED, 0, 0));
        assertEquals(next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 0, 0),
                TaskTransitions.after(TaskState.ACTIVE, Event.NEVER_STARTED, 0, 3));
        assertEquals(next(TaskState.COMPLETED, TaskResult.SUCCESS, 0, 0, 0),
                TaskTransitions.after(TaskState.ACTIVE, Event.SKIPPED, 0, 0));
        assertFalse(TaskTransitions.allows(TaskState.ACTIVE, Event.SUCCEEDED), "a task that never ran cannot succeed");
    }

    @Test
    void aFailedAttemptIsRetriedWhileRetriesAreLeft() {
        // maxTaskRetryCount 2: attempts 1 and 2 fail and go back, attempt 3's failure is the last
        assertEquals(next(TaskState.ACTIVE, null, 0, 1, 0), TaskTransitions.after(TaskState.RUNNING, Event.FAILED, 0, 2));
        assertEquals(next(TaskState.ACTIVE, null, 0, 1, 0), TaskTransitions.after(TaskState.RUNNING, Event.FAILED, 1, 2));
        assertEquals(next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0),
                TaskTransitions.after(TaskState.RUNNING, Event.FAILED, 2, 2));
        assertEquals(next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0),
                TaskTransitions.after(TaskState.RUNNING, Event.FAILED, 0, 0), "no retries: the first failure is the last");
        assertEquals(next(TaskState.ACTIVE, null, 0, 1, 0), TaskTransitions.after(TaskState.RUNNING, Event.FAILED, 5000, -1),
                "-1: without limit, as Batch's maxTaskRetryCount");
    }

    @Test
    void whatARetryCannotFixEndsTheTaskAndARequeueIsNotAFailure() {
        assertEquals(next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0),
                TaskTransitions.after(TaskState.RUNNING, Event.FAILED_FINAL, 0, 5));
        assertEquals(next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0),
                TaskTransitions.after(TaskState.RUNNING, Event.CANCELLED, 0, 5));
        assertEquals(next(TaskState.ACTIVE, null, 0, 0, 1), TaskTransitions.after(TaskState.RUNNING, Event.REQUEUED, 2, 2));
        assertEquals(next(TaskState.COMPLETED, TaskResult.SUCCESS, 0, 0, 0),
                TaskTransitions.after(TaskState.RUNNING, Event.SUCCEEDED, 1, 2));
    }

    @Test
    void aCompletedTaskNeverMoves() {
        for (Event e : Event.values()) {
            assertFalse(TaskTransitions.allows(TaskState.COMPLETED, e), e.name());
            assertThrows(IllegalStateException.class, () -> TaskTransitions.after(TaskState.COMPLETED, e, 0, 0));
        }
        assertThrows(IllegalStateException.class, () -> TaskTransitions.after(TaskState.RUNNING, Event.CLAIMED, 0, 0),
                "a running task is not claimed twice");
    }
}

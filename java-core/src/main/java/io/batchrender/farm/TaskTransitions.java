package io.batchrender.farm;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A task's states and what moves it between them, in one table, after Azure Batch's task lifecycle
 * (https://learn.microsoft.com/rest/api/batchservice/task/get#taskstate: active, running, completed;
 * a completed task has an {@code executionInfo.result}; a failed attempt is retried while
 * {@code maxTaskRetryCount} allows, -1 without limit: #taskconstraints). Completed is final.
 *
 * <pre>
 * from      event          to                            counts
 * active    CLAIMED        running                       attempt + 1
 * active    NEVER_STARTED  completed, failure            -          (dependency or preparation failed, job ended)
 * active    SKIPPED        completed, success            -          (a release task with nothing to release)
 * running   SUCCEEDED      completed, success            -
 * running   FAILED         active while retries are left  failure + 1
 *                          else completed, failure
 * running   FAILED_FINAL   completed, failure            failure + 1 (a retry cannot help: the program is missing)
 * running   CANCELLED      completed, failure            failure + 1
 * running   REQUEUED       active                        requeue + 1 (the pool shrank, the agent stopped or died)
 * </pre>
 */
public final class TaskTransitions {

    /** What happens to a task. */
    public enum Event { CLAIMED, NEVER_STARTED, SKIPPED, SUCCEEDED, FAILED, FAILED_FINAL, CANCELLED, REQUEUED }

    /**
     * Where an event takes a task.
     *
     * @param state       its new state
     * @param result      its result, when it completed
     * @param addAttempts attempts to add (1 when an attempt starts)
     * @param addFailures failed attempts to add
     * @param addRequeues attempts put back without counting as failures
     */
    public record Next(TaskState state, Optional<TaskResult> result, int addAttempts, int addFailures, int addRequeues) {
    }

    private interface Rule {
        Next apply(int failuresBefore, int maxRetries);
    }

    private static final Map<TaskState, Map<Event, Rule>> TABLE = new EnumMap<>(TaskState.class);

    static {
        Map<Event, Rule> active = new EnumMap<>(Event.class);
        active.put(Event.CLAIMED, (f, m) -> next(TaskState.RUNNING, null, 1, 0, 0));
        active.put(Event.NEVER_STARTED, (f, m) -> next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 0, 0));
        active.put(Event.SKIPPED, (f, m) -> next(TaskState.COMPLETED, TaskResult.SUCCESS, 0, 0, 0));
        Map<Event, Rule> running = new EnumMap<>(Event.class);
        running.put(Event.SUCCEEDED, (f, m) -> next(TaskState.COMPLETED, TaskResult.SUCCESS, 0, 0, 0));
        running.put(Event.FAILED, (f, m) -> retriesLeft(f, m) ? next(TaskState.ACTIVE, null, 0, 1, 0)
                : next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0));
        running.put(Event.FAILED_FINAL, (f, m) -> next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0));
        running.put(Event.CANCELLED, (f, m) -> next(TaskState.COMPLETED, TaskResult.FAILURE, 0, 1, 0));
        running.put(Event.REQUEUED, (f, m) -> next(TaskState.ACTIVE, null, 0, 0, 1));
        TABLE.put(TaskState.ACTIVE, active);
        TABLE.put(TaskState.RUNNING, running);
        TABLE.put(TaskState.COMPLETED, Map.of());
    }

    private TaskTransitions() {
    }

    /**
     * Where {@code event} takes a task in state {@code from}.
     *
     * @param failuresBefore its failed attempts so far
     * @param maxRetries     how many failures are tried again; -1 without limit
     * @throws IllegalStateException for a move the table does not have (a completed task never moves)
     */
    public static Next after(TaskState from, Event event, int failuresBefore, int maxRetries) {
        Rule rule = TABLE.get(from).get(event);
        if (rule == null) {
            throw new IllegalStateException("a " + from.wire() + " task cannot take " + event);
        }
        return rule.apply(failuresBefore, maxRetries);
    }

    /** Whether {@code event} may happen to a task in state {@code from}. */
    public static boolean allows(TaskState from, Event event) {
        return TABLE.get(from).containsKey(event);
    }

    private static boolean retriesLeft(int failuresBefore, int maxRetries) {
        return maxRetries < 0 || failuresBefore < maxRetries;
    }

    private static Next next(TaskState state, TaskResult result, int attempts, int failures, int requeues) {
        return new Next(state, Optional.ofNullable(result), attempts, failures, requeues);
    }
}

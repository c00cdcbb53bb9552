package io.batchrender.farm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One page of a job's tasks, in submission order, optionally of one state only: what {@code job show} and the
 * panel's Jobs tab ask for, so that a job of 100,000 tasks is never read whole to show a hundred.
 *
 * @param page     1 is the first
 * @param pageSize tasks a page, 1 to {@link #MAX_PAGE_SIZE}
 * @param state    only tasks in this state; empty: every task
 */
public record TaskQuery(int page, int pageSize, Optional<StateFilter> state) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 10_000;

    public TaskQuery {
        if (page < 1) {
            throw new IllegalArgumentException("The page is " + page + ": pages count from 1.");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("The page size is " + pageSize + ": give 1 to " + MAX_PAGE_SIZE + ".");
        }
        state = state == null ? Optional.empty() : state;
    }

    /** The first page of every task. */
    public static TaskQuery first() {
        return new TaskQuery(1, DEFAULT_PAGE_SIZE, Optional.empty());
    }

    /** Index of the first task of the page among the matching tasks (0-based). */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /** Which tasks a page holds: a task state as Batch names it, or a completed task's result. */
    public enum StateFilter {
        ACTIVE, RUNNING, COMPLETED, SUCCEEDED, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether {@code t} is one of these tasks. */
        public boolean matches(TaskInfo t) {
            return switch (this) {
                case ACTIVE -> t.state() == TaskState.ACTIVE;
                case RUNNING -> t.state() == TaskState.RUNNING;
                case COMPLETED -> t.state() == TaskState.COMPLETED;
                case SUCCEEDED -> t.state() == TaskState.COMPLETED && t.result().orElse(null) == TaskResult.SUCCESS;
                case FAILED -> t.state() == TaskState.COMPLETED && t.result().orElse(null) != TaskResult.SUCCESS;
            };
        }

        /** How many tasks of {@code counts} are in it. */
        public int count(TaskCounts counts) {
            return switch (this) {
                case ACTIVE -> counts.active();
                case RUNNING -> counts.running();
                case COMPLETED -> counts.completed();
                case SUCCEEDED -> counts.succeeded();
                case FAILED -> counts.failed();
            };
        }

        /** Reads {@code active|running|completed|failed|succeeded}; a one-line error names them otherwise. */
        public static StateFilter fromWire(String s) {
            for (StateFilter f : values()) {
                if (f.wire().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not a task state: give one of "
                    + Arrays.stream(values()).map(StateFilter::wire).collect(Collectors.joining(", ")) + ".");
        }
    }
}

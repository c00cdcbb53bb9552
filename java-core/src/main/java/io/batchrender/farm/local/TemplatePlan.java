package io.batchrender.farm.local;

import java.util.List;
import java.util.Optional;

/**
 * A template job read and checked, ready to store.
 *
 * @param requestedId the job's own id when it is a valid Batch id; empty: the farm makes one
 * @param name        the display name
 * @param priority    Batch's priority (-1000 to 1000): higher runs first
 * @param deadlineMs  the job's {@code maxWallClockTime} in ms after submission, 0 for none
 * @param tasks       the job preparation task (if any), the tasks in order, the job release task (if any)
 * @param ignored     one line per property the local farm does not honour, and warnings
 */
record TemplatePlan(Optional<String> requestedId, String name, int priority, long deadlineMs,
                    List<PlannedTask> tasks, List<String> ignored) {

    TemplatePlan {
        tasks = List.copyOf(tasks);
        ignored = List.copyOf(ignored);
    }

    /** One row to store: the task's id and what it runs. */
    record PlannedTask(String id, TemplateTask spec) {
    }
}

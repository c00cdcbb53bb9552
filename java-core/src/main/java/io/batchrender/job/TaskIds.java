package io.batchrender.job;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Task ids as Azure Batch compares them, so that a job whose ids the service would merge or refuse is
 * refused before it exists, on either farm (a job means the same thing wherever it runs):
 * <ul>
 *   <li>"The ID is case-preserving and case-insensitive (that is, you may not have two IDs within a Job
 *       that differ only by case)": TaskAddParameter.id, https://learn.microsoft.com/rest/api/batchservice/task/add.
 *       Sent as two tasks, the second answers TaskExists, which a client retrying a lost answer must take as
 *       "already added": a frame would be lost without a word.</li>
 *   <li>{@code jobpreparation} and {@code jobrelease} are the default ids of the job preparation and
 *       release tasks, and no other task of the job may have them (TaskIdSameAsJobPreparationTask,
 *       TaskIdSameAsJobReleaseTask): https://learn.microsoft.com/rest/api/batchservice/job/add.</li>
 * </ul>
 * Feed every id of one job to one instance, in submission order; callers throw their own one-line error.
 */
public final class TaskIds {

    private static final Map<String, String> RESERVED = Map.of(
            "jobpreparation", "the job preparation task", "jobrelease", "the job release task");

    private final Map<String, String> seen = new HashMap<>();
    private final Map<String, String> reserved = new HashMap<>(RESERVED);

    /** A job whose preparation or release task has an id of its own ({@code what}: "the job preparation task"). */
    public TaskIds reserve(String id, String what) {
        reserved.put(id.toLowerCase(Locale.ROOT), what);
        return this;
    }

    /** The problem with {@code id} next to the ids seen before it, as one line; empty when it is fine. */
    public Optional<String> add(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        String taken = reserved.get(key);
        if (taken != null) {
            return Optional.of("task id '" + id + "' is reserved by Azure Batch for " + taken + ": rename the task");
        }
        String before = seen.putIfAbsent(key, id);
        if (before == null) {
            return Optional.empty();
        }
        return Optional.of(before.equals(id) ? "task id '" + id + "' is used twice: give each task its own id"
                : "task ids '" + before + "' and '" + id + "' differ only in case, and Azure Batch compares task ids"
                + " ignoring case (one of the two tasks would be lost): give each task an id of its own");
    }

    /** The first problem among every id of one job, as one line; empty when there is none. */
    public static Optional<String> firstProblem(Iterable<String> ids) {
        TaskIds check = new TaskIds();
        for (String id : ids) {
            Optional<String> problem = check.add(id);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}

package io.batchrender.farm;

import java.util.List;

/**
 * A page of a job's tasks ({@link TaskQuery}) with how many tasks match the query and how many the job has in
 * each state, read together.
 *
 * @param tasks    the page's tasks, in submission order
 * @param matching how many of the job's tasks the query's state takes (all of them without one)
 * @param counts   the job's tasks by state
 */
public record TaskPage(TaskQuery query, List<TaskInfo> tasks, long matching, TaskCounts counts) {

    public TaskPage {
        tasks = List.copyOf(tasks);
    }

    /** How many pages the matching tasks fill (1 when none match). */
    public long pages() {
        return Math.max(1, (matching + query.pageSize() - 1) / query.pageSize());
    }

    /**
     * The page of {@code all} (every task of a job, in submission order) that {@code query} asks for: for a farm that
     * lists a job's tasks whole anyway (Azure's listing is kept and brought up to date between looks).
     */
    public static TaskPage of(List<TaskInfo> all, TaskQuery query) {
        int active = 0;
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        for (TaskInfo t : all) {
            switch (t.state()) {
                case ACTIVE -> active++;
                case RUNNING -> running++;
                case COMPLETED -> {
                    if (t.result().orElse(null) == TaskResult.SUCCESS) {
                        succeeded++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        List<TaskInfo> matching = query.state().map(f -> all.stream().filter(f::matches).toList()).orElse(all);
        int from = (int) Math.min(matching.size(), query.offset());
        int to = (int) Math.min(matching.size(), query.offset() + query.pageSize());
        return new TaskPage(query, matching.subList(from, to), matching.size(),
                new TaskCounts(active, running, succeeded, failed));
    }
}

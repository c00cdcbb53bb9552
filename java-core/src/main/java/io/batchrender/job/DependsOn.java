package io.batchrender.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch's {@code dependsOn} (https://learn.microsoft.com/rest/api/batchservice/task/add#taskdependencies):
 * the tasks that must succeed before this one starts, by id and by ranges of numeric ids (which
 * keeps a merge task after 100,000 frames one short request).
 */
public record DependsOn(List<String> taskIds, List<IdRange> taskIdRanges) {

    public static final DependsOn NONE = new DependsOn(List.of(), List.of());

    public DependsOn {
        taskIds = List.copyOf(taskIds);
        taskIdRanges = List.copyOf(taskIdRanges);
    }

    public boolean isEmpty() {
        return taskIds.isEmpty() && taskIdRanges.isEmpty();
    }

    /** Every id named, ranges expanded ({@code start} to {@code end}, both included). */
    public List<String> expanded() {
        List<String> all = new ArrayList<>(taskIds);
        for (IdRange r : taskIdRanges) {
            for (int i = r.start(); i <= r.end(); i++) {
                all.add(Integer.toString(i));
            }
        }
        return all;
    }

    /** Batch's {@code taskIdRange}: ids {@code start} to {@code end} as decimal numbers, both included. */
    public record IdRange(int start, int end) {
        public IdRange {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("a task id range runs from a number to one not smaller: " + start + "-" + end);
            }
        }
    }
}

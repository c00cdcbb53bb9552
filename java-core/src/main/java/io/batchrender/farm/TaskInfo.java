package io.batchrender.farm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task as the farm sees it now.
 *
 * @param attempts     how many times it was started
 * @param retryCount   how many failed attempts were tried again
 * @param requeueCount how many attempts were interrupted (agent stopped, pool shrunk) and put back
 */
public record TaskInfo(String id, List<Integer> frames, TaskState state, Optional<TaskResult> result,
                       Optional<Integer> exitCode, int attempts, int retryCount, int requeueCount,
                       Optional<Instant> startTime, Optional<Instant> endTime, Optional<TaskFailure> failure) {
    public TaskInfo {
        frames = List.copyOf(frames);
    }
}

package io.batchrender.farm.local;

import io.batchrender.job.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A task the agent has marked running in the database, with what it needs to run it.
 *
 * @param task        the task as stored: its retries and wall-clock limit are the ones it runs with
 * @param role        an ordinary task, the job preparation task or the job release task
 * @param attempt     this attempt's number (1 for the first)
 * @param failures    failed attempts before this one
 * @param outputDir   the job's output folder, where {@code jobOutputFolder} outputs are published
 * @param jobEnvironment the job's environment, over the agent's
 * @param prepId      the job preparation task's id, when the job has one
 * @param prepAttempt its latest attempt (whose folder is {@code AZ_BATCH_JOB_PREP_DIR}), 0 when it never ran
 */
record ClaimedTask(String jobId, String taskId, Task task, TaskRole role, int attempt, int failures, Path outputDir,
                   Map<String, String> jobEnvironment, Optional<String> prepId, int prepAttempt) {

    String key() {
        return jobId + "/" + taskId;
    }

    /** Failures tried again: -1 (Batch's "without limit") is every one. */
    int maxRetries() {
        int n = task.constraints().maxTaskRetryCount().orElse(0);
        return n < 0 ? Integer.MAX_VALUE : n;
    }

    Optional<Duration> timeout() {
        return task.constraints().maxWallClockTime();
    }

    Optional<Long> deadline(long startMs) {
        return timeout().map(d -> startMs + d.toMillis());
    }
}

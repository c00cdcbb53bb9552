package io.batchrender.farm.local;

import io.batchrender.render.TaskCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A task the agent has marked running in the database, with what it needs to run it.
 *
 * @param attempt    this attempt's number (1 for the first)
 * @param failures   failed attempts before this one
 * @param maxRetries how many failures are tried again
 * @param timeoutMs  the attempt's wall-clock limit, 0 for none
 * @param outputDir  where finished outputs go
 * @param environment the job's environment; empty: the agent's own
 * @param template    for a task of a template job: the Batch task and its job preparation task
 */
record ClaimedTask(String jobId, String taskId, List<Integer> frames, TaskCommand command, int attempt,
                   int failures, int maxRetries, long timeoutMs, Path outputDir, java.util.Map<String, String> environment,
                   Optional<TemplateClaim> template) {

    String key() {
        return jobId + "/" + taskId;
    }

    Optional<Long> deadline(long startMs) {
        return timeoutMs > 0 ? Optional.of(startMs + timeoutMs) : Optional.empty();
    }
}

package io.batchrender.farm;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A job as the farm sees it now.
 *
 * @param pool    the pool it runs on ("auto-pool" until Batch made one)
 * @param blocked why the job cannot go on by itself, one line saying what to do (e.g. its preparation failed on
 *                every node that has tried it, so Batch runs none of its tasks); empty while it can
 */
public record JobInfo(String id, String name, JobState state, String renderer, Optional<Path> scene,
                      Path outputDir, Instant created, Optional<Instant> ended, TaskCounts counts, String pool,
                      Optional<String> blocked) {

    public JobInfo {
        blocked = blocked == null ? Optional.empty() : blocked;
    }

    /** A job that nothing blocks. */
    public JobInfo(String id, String name, JobState state, String renderer, Optional<Path> scene, Path outputDir,
                   Instant created, Optional<Instant> ended, TaskCounts counts, String pool) {
        this(id, name, state, renderer, scene, outputDir, created, ended, counts, pool, Optional.empty());
    }

    /** The same job with {@code reason} as what blocks it. */
    public JobInfo withBlocked(Optional<String> reason) {
        return new JobInfo(id, name, state, renderer, scene, outputDir, created, ended, counts, pool, reason);
    }

    /** True when the job is over and every task succeeded. */
    public boolean succeeded() {
        return state == JobState.COMPLETED && counts.failed() == 0 && counts.active() == 0 && counts.running() == 0;
    }
}

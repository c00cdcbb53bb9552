package io.batchrender.farm;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** A job as the farm sees it now; {@code pool} is the pool it runs on ("auto-pool" until Batch made one). */
public record JobInfo(String id, String name, JobState state, String renderer, Optional<Path> scene,
                      Path outputDir, Instant created, Optional<Instant> ended, TaskCounts counts, String pool) {

    /** True when the job is over and every task succeeded. */
    public boolean succeeded() {
        return state == JobState.COMPLETED && counts.failed() == 0 && counts.active() == 0 && counts.running() == 0;
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the jobs waiting in a throw-away state folder with an agent in this process, then returns: the launcher's
 * warm-up does this after a paused-pool submit so that the class archive holds what the detached agent loads to
 * claim and start a task (the job database, the loop, process start), and the agent starts from the archive.
 */
final class AgentWarmup {

    private AgentWarmup() {
    }

    /** Resumes the pool with one slot and runs its queue in this process until it is empty. */
    static void runQueued(StateHome home, Map<String, String> env) throws IOException, InterruptedException {
        try (JobDatabase db = JobDatabase.open(home.database())) {
            db.setTargetSlots(Agent.POOL, 1, ShrinkPolicy.TASKCOMPLETION);
        }
        new Agent(home, 1, Duration.ZERO, env).run();
    }
}

package io.batchrender.farm;

import java.time.Duration;
import java.util.Optional;

/** The local farm's render agent for one state folder: one detached process that runs the tasks. */
public interface LocalAgent {

    Optional<Long> runningPid();

    boolean isRunning();

    /** Starts the agent in the background unless one runs. */
    void ensureRunning();

    /** Runs the agent in this process until it has been idle for {@code idleExit} (or the process is stopped). */
    void runHere(Duration idleExit) throws Exception;
}

package io.batchrender.farm;

import java.time.Duration;
import java.util.Optional;

/** The local farm's render agent for one state folder: one detached process that runs the tasks. */
public interface LocalAgent {

    Optional<Long> runningPid();

    boolean isRunning();

    /** Starts the agent in the background unless one runs. */
    void ensureRunning();

    /**
     * Starts the agent in the background unless one runs, without waiting for it: a submit calls this first so that
     * the agent starts while the job is checked and stored; the {@link #ensureRunning} that follows waits for it.
     */
    void startSoon();

    /**
     * Resumes the pool with one slot and runs what is queued in this process until it is empty, then returns: the
     * launcher's warm-up, so that the class archive holds what a detached agent loads.
     */
    void runQueuedHere() throws Exception;

    /** Runs the agent in this process until it has been idle for {@code idleExit} (or the process is stopped). */
    void runHere(Duration idleExit) throws Exception;
}

package io.batchrender.watch;

import java.util.Locale;

/** Where a watcher is in its life. */
public enum WatchStatus {
    /** Following the job and fetching outputs. */
    RUNNING,
    /** The job ended and every output of its successful tasks is in the destination, intact. */
    FINISHED,
    /** The job ended but some outputs could not be fetched (see the message and the log). */
    FAILED,
    /** Stopped on request before the job ended; starting it again resumes. */
    STOPPED,
    /** Its state says running but no process holds its lock: it was killed; starting it again resumes. */
    INTERRUPTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WatchStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

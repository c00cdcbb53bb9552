package io.batchrender.watch;

import io.batchrender.settings.StateHome;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where one job's watcher keeps its things under the state folder: {@code watchers/JOB/} holds
 * its state, its lock, a stop request and the thumbnails; its log is {@code logs/watch-JOB.log}.
 */
public record WatchPaths(StateHome home, String jobId) {

    /** Job ids as Azure Batch allows them (letters, digits, hyphens, underscores), so they are safe as folder names. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public WatchPaths {
        requireSafeId(jobId);
    }

    /** Refuses an id that is not a job id (and so could name a path outside the state folder). */
    public static String requireSafeId(String jobId) {
        if (jobId == null || !SAFE_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("'" + jobId + "' is not a job id: job ids are letters, digits, hyphens"
                    + " and underscores; list them with 'batchrender jobs'.");
        }
        return jobId;
    }

    public static Path root(StateHome home) {
        return home.dir().resolve("watchers");
    }

    public Path dir() {
        return root(home).resolve(jobId);
    }

    public Path state() {
        return dir().resolve("state.json");
    }

    /** One line per output that landed (append-only, so saving stays cheap however many frames a job has). */
    public Path journal() {
        return dir().resolve("files.jsonl");
    }

    public Path lock() {
        return dir().resolve("watch.lock");
    }

    /** A file whose presence asks the running watcher to stop. */
    public Path stopRequest() {
        return dir().resolve("stop");
    }

    public Path thumbnails() {
        return dir().resolve("thumbnails");
    }

    public Path log() {
        return home.logsDir().resolve(logName());
    }

    public String logName() {
        return "watch-" + jobId + ".log";
    }

    /** Where the detached process's own stdout and stderr go (JVM crashes; normally empty). */
    public Path processOutput() {
        return home.logsDir().resolve("watch-" + jobId + ".out");
    }
}

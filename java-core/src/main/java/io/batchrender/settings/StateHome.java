package io.batchrender.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The folder that holds this user's state: the job database, logs, the agent's lock and
 * settings. {@code $BATCHRENDER_HOME} when set, else {@code ~/.batchrender}. Readable by the user only.
 */
public record StateHome(Path dir) {

    public static final String ENV = "BATCHRENDER_HOME";

    public StateHome {
        dir = dir.toAbsolutePath().normalize();
    }

    public static StateHome fromEnvironment(Map<String, String> env) {
        String set = env.get(ENV);
        if (set != null && !set.isBlank()) {
            return new StateHome(Path.of(set));
        }
        return new StateHome(Path.of(System.getProperty("user.home"), ".batchrender"));
    }

    /** Creates the folder (user-only permissions where the file system has them) and returns it. */
    public Path ensure() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the user's profile folder is already private.
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state folder " + dir
                    + ": set " + ENV + " to a folder you can write", e);
        }
    }

    public Path database() {
        return dir.resolve("farm.db");
    }

    public Path jobsDir() {
        return dir.resolve("jobs");
    }

    public Path jobDir(String jobId) {
        return jobsDir().resolve(jobId);
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    public Path agentLock() {
        return dir.resolve("agent.lock");
    }
}

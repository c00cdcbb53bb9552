package io.batchrender.watch;

import io.batchrender.process.DetachedJvm;
import io.batchrender.process.PidLock;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, stops and lists the output watchers of a state folder. A watcher runs as a detached
 * process ({@code batchrender watch JOB --to DIR --foreground} in its own session, stdin closed),
 * one per job, so closing Maya or the terminal that started it does not stop it.
 */
public final class Watchers {

    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final StateHome home;
    private final Map<String, String> env;
    private final Clock clock;

    public Watchers(StateHome home, Map<String, String> env, Clock clock) {
        this.home = home;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /**
     * Starts a watcher of {@code jobId} into {@code destination} unless one already runs for it
     * (then returns that one when it fetches into the same folder). The caller checks that the job exists.
     */
    public WatcherInfo start(String jobId, Path destination, WatchOptions options) {
        return start(jobId, destination, options, "local");
    }

    /** As {@link #start(String, Path, WatchOptions)} for a job of the farm {@code farm} names ({@code local} or {@code azure}). */
    public WatcherInfo start(String jobId, Path destination, WatchOptions options, String farm) {
        WatchPaths paths = new WatchPaths(home, jobId);
        Path dest = destination.toAbsolutePath().normalize();
        Optional<WatcherInfo> existing = find(jobId, false);
        if (existing.isPresent() && existing.get().running()) {
            if (existing.get().state().destination().equals(dest)) {
                return existing.get();
            }
            throw new WatchException("A watcher already fetches job " + jobId + " into "
                    + existing.get().state().destination() + ": stop it first with 'batchrender watch --stop " + jobId + "'.");
        }
        try {
            Files.createDirectories(dest);
        } catch (IOException | SecurityException e) {
            throw new WatchException("Cannot create the folder " + dest + " (" + e.getMessage() + "): choose another with --to.");
        }
        if (!Files.isWritable(dest)) {
            throw new WatchException("Cannot write to " + dest + ": choose another folder with --to.");
        }
        home.ensure();
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.put(StateHome.ENV, home.dir().toString());
        List<String> args = new ArrayList<>(List.of("watch", jobId, "--to", dest.toString(), "--foreground",
                "--poll", Double.toString(options.poll().toMillis() / 1000.0),
                "--limit-rate", Long.toString(options.bytesPerSecond()), "--farm", farm));
        List<String> cmd = DetachedJvm.command(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"), args);
        try {
            Files.createDirectories(paths.dir());
            Optional<Long> before = PidLock.holderPid(paths.lock());
            Process starter = DetachedJvm.start(cmd, childEnv, paths.processOutput());
            awaitStart(paths, starter, before);
        } catch (IOException e) {
            throw new WatchException("Could not start the watcher (" + e.getMessage() + "): run 'batchrender watch "
                    + jobId + " --to " + dest + " --foreground' to see why.");
        }
        return find(jobId, false).orElseThrow();
    }

    private void awaitStart(WatchPaths paths, Process starter, Optional<Long> before) {
        long deadline = clock.millis() + START_WAIT.toMillis();
        while (clock.millis() < deadline) {
            Optional<Long> holder = PidLock.holderPid(paths.lock());
            if (holder.isPresent() && !holder.equals(before) && stateOf(paths, holder.get())) {
                return;
            }
            if (!starter.isAlive() && starter.exitValue() != 0) {
                throw new WatchException("The watcher stopped as it started (exit " + starter.exitValue() + "): see "
                        + paths.processOutput() + " and " + paths.log() + ".");
            }
            sleep(20);
        }
        throw new WatchException("The watcher did not start within " + START_WAIT.toSeconds() + " s: see " + paths.log() + ".");
    }

    /** True once the process {@code pid} has saved its first state. */
    private static boolean stateOf(WatchPaths paths, long pid) {
        try {
            return WatchStateFile.readStatus(paths).map(s -> s.pid() == pid).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks the watcher of {@code jobId} to stop and waits until it has; a watcher that does not stop
     * in time is terminated. Returns false when none ran.
     */
    public boolean stop(String jobId) {
        WatchPaths paths = new WatchPaths(home, jobId);
        if (!PidLock.isHeld(paths.lock())) {
            return false;
        }
        try {
            Files.createDirectories(paths.dir());
            Files.writeString(paths.stopRequest(), "stop\n");
        } catch (IOException e) {
            throw new WatchException("Cannot ask the watcher to stop (" + e.getMessage() + ").");
        }
        long deadline = clock.millis() + STOP_WAIT.toMillis();
        while (PidLock.isHeld(paths.lock())) {
            if (clock.millis() > deadline) {
                PidLock.holderPid(paths.lock()).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
                deadline = Long.MAX_VALUE;
                long killWait = clock.millis() + STOP_WAIT.toMillis();
                while (PidLock.isHeld(paths.lock()) && clock.millis() < killWait) {
                    sleep(50);
                }
                markStopped(paths);
                break;
            }
            sleep(50);
        }
        return true;
    }

    private void markStopped(WatchPaths paths) {
        try {
            Optional<WatchState> s = WatchStateFile.readStatus(paths);
            if (s.isPresent() && s.get().status() == WatchStatus.RUNNING) {
                WatchStateFile.write(paths, s.get().withStatus(WatchStatus.STOPPED,
                        "Stopped on request; start it again to resume.", clock.instant()));
            }
            Files.deleteIfExists(paths.stopRequest());
        } catch (IOException ignored) {
            // the listing shows it as interrupted instead
        }
    }

    /** The watcher of one job with every file it landed, if one ever ran. */
    public Optional<WatcherInfo> find(String jobId) {
        return find(jobId, true);
    }

    /**
     * The watcher of one job, if one ever ran; {@code withFiles} false: its counts and latest thumbnail only, read
     * from its small state file without the journal of every landed file.
     */
    public Optional<WatcherInfo> find(String jobId, boolean withFiles) {
        WatchPaths paths = new WatchPaths(home, jobId);
        Optional<WatchState> state;
        try {
            state = withFiles ? WatchStateFile.read(paths) : WatchStateFile.readStatus(paths);
        } catch (IOException e) {
            throw new WatchException(e.getMessage());
        }
        return state.map(s -> {
            boolean alive = PidLock.isHeld(paths.lock());
            WatchState shown = s.status() == WatchStatus.RUNNING && !alive
                    ? s.withStatus(WatchStatus.INTERRUPTED, "Its process ended without finishing (killed?): start it again to resume.",
                            s.updated())
                    : s;
            return new WatcherInfo(shown, paths.log(), paths.thumbnails());
        });
    }

    /** Every watcher of this state folder, running and finished, most recently started first (counts, no files). */
    public List<WatcherInfo> list() {
        return list(false);
    }

    /** Every watcher of this state folder, most recently started first; {@code withFiles}: each with its files. */
    public List<WatcherInfo> list(boolean withFiles) {
        Path root = WatchPaths.root(home);
        List<WatcherInfo> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                try {
                    find(id, withFiles).ifPresent(out::add);
                } catch (IllegalArgumentException | WatchException skip) {
                    // not a watcher's folder, or a damaged state: nothing to list
                }
            }
        } catch (IOException e) {
            throw new WatchException("Cannot read " + root + " (" + e.getMessage() + ").");
        }
        out.sort(Comparator.comparing((WatcherInfo w) -> w.state().started()).reversed());
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchException("Interrupted while waiting for the watcher.");
        }
    }
}

package io.batchrender.watch;

import io.batchrender.farm.Checksum;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Follows one job and brings each task's outputs into a destination folder as the task succeeds,
 * until the job ends. Its state is saved after every output, so a watcher started again after it
 * was killed (however) resumes: outputs already in the destination and intact are never fetched
 * again, half-written temp files are removed.
 */
public final class Watcher {

    private static final Logger LOG = Logger.getLogger(Watcher.class.getName());

    private final String jobId;
    private final Path destination;
    private final RenderFarm farm;
    private final TaskOutputs outputs;
    private final WatchPaths paths;
    private final Thumbnailer thumbnails;
    private final WatchOptions options;
    private final Clock clock;
    private final FileFetcher fetcher;

    /** Polls in a row that could not read the job before the watcher gives up. */
    private static final int MAX_FARM_ERRORS = 150;

    private WatchState state;
    private int farmErrors;
    private String lastSeen = "";
    private int unchangedPolls;
    private final Map<String, FetchedFile> files = new LinkedHashMap<>();
    /** The thumbnail of the output that landed last and has one (saved with the counts, not the files). */
    private Optional<String> latestThumbnail = Optional.empty();
    /**
     * Outputs checked on disk by this process, with the size and checksum they were checked
     * against: not hashed again on every poll, but again when the farm lists them changed.
     */
    private final Map<String, String> verified = new HashMap<>();
    private final Set<String> tasksDone = new HashSet<>();
    private final Map<String, Integer> tries = new HashMap<>();
    private final Map<String, String> givenUp = new LinkedHashMap<>();

    public Watcher(String jobId, Path destination, RenderFarm farm, TaskOutputs outputs, WatchPaths paths,
                   Thumbnailer thumbnails, WatchOptions options, Clock clock) {
        this.jobId = jobId;
        this.destination = destination.toAbsolutePath().normalize();
        this.farm = farm;
        this.outputs = outputs;
        this.paths = paths;
        this.thumbnails = thumbnails;
        this.options = options;
        this.clock = clock;
        this.fetcher = new FileFetcher(outputs, options.bytesPerSecond());
    }

    /** Runs until the job ends (or a stop is asked for); returns the final state, also saved. */
    public WatchState run() throws IOException, InterruptedException {
        resume();
        while (true) {
            if (Files.exists(paths.stopRequest())) {
                Files.deleteIfExists(paths.stopRequest());
                return finish(WatchStatus.STOPPED, "Stopped on request; start it again to resume.");
            }
            Optional<JobInfo> job;
            try {
                job = farm.job(jobId);
                farmErrors = 0;
            } catch (RuntimeException e) {
                if (farmError(e)) {
                    return finish(WatchStatus.FAILED, "The farm did not answer " + MAX_FARM_ERRORS + " times in a row ("
                            + e.getMessage() + "): start the watcher again when it is back.");
                }
                continue;
            }
            if (job.isEmpty()) {
                return finish(WatchStatus.FAILED, "Job " + jobId + " no longer exists (deleted?); "
                        + files.size() + " output(s) were fetched.");
            }
            // the job was read before its tasks: when it had ended, the task list is final
            boolean ended = job.get().state() == JobState.COMPLETED;
            int total = job.get().counts().total();
            int succeeded = job.get().counts().succeeded();
            // the succeeded tasks are listed (a page at a time) only when more succeeded than were fetched, or
            // to be sure at the end: a poll of a job where nothing finished costs one look at the job
            if (ended || succeeded != tasksDone.size()) {
                Optional<TaskCounts> listed;
                try {
                    listed = fetchSucceeded();
                } catch (RuntimeException e) {
                    if (farmError(e)) {
                        return finish(WatchStatus.FAILED, "The farm did not answer " + MAX_FARM_ERRORS + " times in a"
                                + " row (" + e.getMessage() + "): start the watcher again when it is back.");
                    }
                    continue;
                }
                if (listed.isEmpty()) {
                    return finish(WatchStatus.FAILED, "Job " + jobId + " no longer exists (deleted?); "
                            + files.size() + " output(s) were fetched.");
                }
                total = listed.get().total();
                succeeded = listed.get().succeeded();
            }
            save(WatchStatus.RUNNING, progressMessage(total, succeeded), total);
            if (job.get().blocked().isPresent()) {
                // nothing will run until someone acts (e.g. the job's preparation failed on every node): say why and stop
                return finish(WatchStatus.FAILED, "Job " + jobId + " cannot go on: " + job.get().blocked().get()
                        + " " + files.size() + " output(s) were fetched; start the watcher again once it runs.");
            }
            if (ended && (tasksDone.size() == succeeded || !anyRetryLeft())) {
                if (!givenUp.isEmpty()) {
                    return finish(WatchStatus.FAILED, givenUp.size() + " output(s) could not be fetched, first: "
                            + givenUp.values().iterator().next() + " (see " + paths.log() + ")");
                }
                int failed = total - succeeded;
                return finish(WatchStatus.FINISHED, "Job ended; " + files.size() + " output(s) in " + destination
                        + (failed > 0 ? "; " + failed + " task(s) did not succeed and had none to fetch." : "."));
            }
            Thread.sleep(pause(job.get()));
        }
    }

    /**
     * The wait before the next poll: the poll interval while the job moves, doubling (up to 8 times it, and at
     * most 30 s beyond it) while the job's state and task counts stay the same, so a long render costs the farm
     * a few requests a minute between frames; the first change brings the interval back.
     */
    private long pause(JobInfo job) {
        String now = job.state() + " " + job.counts();
        unchangedPolls = now.equals(lastSeen) ? Math.min(unchangedPolls + 1, 3) : 0;
        lastSeen = now;
        long base = options.poll().toMillis();
        return Math.min(base << unchangedPolls, base + 30_000);
    }

    /** Tasks a page when the watcher lists a job's succeeded tasks. */
    static final int PAGE_SIZE = 1000;

    /**
     * Fetches the outputs of each succeeded task not fetched yet, listing them a page at a time in submission order
     * (never the job's every task at once); returns the job's counts as read with the first page, empty when the job
     * is gone. A task that succeeds while the pages are read may be missed by this pass: the counts of the next poll
     * bring it.
     */
    private Optional<TaskCounts> fetchSucceeded() throws IOException, InterruptedException {
        TaskCounts counts = null;
        for (int page = 1; ; page++) {
            TaskPage p;
            try {
                p = farm.followedTasks(jobId, new TaskQuery(page, PAGE_SIZE, Optional.of(TaskQuery.StateFilter.SUCCEEDED)));
            } catch (io.batchrender.farm.UnknownJobException gone) {
                return Optional.empty();
            }
            if (page == 1) {
                outputs.newPoll();
                counts = p.counts();
            }
            for (TaskInfo task : p.tasks()) {
                if (!tasksDone.contains(task.id()) && fetchTask(task)) {
                    tasksDone.add(task.id());
                }
            }
            if (page >= p.pages()) {
                return Optional.of(counts);
            }
        }
    }

    /** Logs a failed look at the farm and waits a poll; true when it failed too many times in a row to go on. */
    private boolean farmError(RuntimeException e) throws InterruptedException {
        // the farm is busy or unreachable for a moment: ask again at the next poll
        LOG.log(Level.WARNING, "cannot read job " + jobId + " from the farm", e);
        if (++farmErrors >= MAX_FARM_ERRORS) {
            return true;
        }
        Thread.sleep(options.poll().toMillis());
        return false;
    }

    private boolean anyRetryLeft() {
        return tries.values().stream().anyMatch(n -> n < options.attempts());
    }

    private String progressMessage(int total, int succeeded) {
        return "Fetched the outputs of " + tasksDone.size() + " of " + total + " task(s) (" + succeeded + " succeeded so far).";
    }

    /** Loads the saved state, drops what is no longer intact on disk, removes half-written temp files. */
    private void resume() throws IOException {
        Optional<WatchState> saved = WatchStateFile.read(paths);
        if (saved.isPresent() && saved.get().destination().equals(destination)) {
            for (FetchedFile f : saved.get().files()) {
                files.put(f.name(), f);
            }
            latestThumbnail = saved.get().latestThumbnail();
            LOG.info("resuming job " + jobId + ": " + files.size() + " output(s) fetched before");
        }
        // one line per file from here on, rewritten only when a file fetched again appended a second line before:
        // a watcher started again on a job of 100,000 outputs does not rewrite their journal
        if (FileJournal.lines(paths.journal()) > files.size()) {
            FileJournal.compact(paths.journal(), files.values());
        }
        Files.createDirectories(destination);
        try (Stream<Path> walk = Files.walk(destination)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(FileFetcher.PARTIAL_SUFFIX)).toList()) {
                LOG.info("removing a half-written file left by an earlier watcher: " + p);
                Files.deleteIfExists(p);
            }
        }
        long pid = ProcessHandle.current().pid();
        state = new WatchState(jobId, destination, WatchStatus.RUNNING, pid, clock.instant(), clock.instant(),
                "Starting.", 0, 0, files.size(), latestThumbnail, List.of(), List.of());
        Files.deleteIfExists(paths.stopRequest());
        WatchStateFile.write(paths, state);
    }

    /** Fetches what is missing of one task's outputs; true when all of them are in the destination. */
    private boolean fetchTask(TaskInfo task) throws IOException, InterruptedException {
        String key = "task " + task.id();
        if (givenUp.containsKey(key)) {
            return false;
        }
        List<OutputFile> list;
        try {
            list = outputs.list(jobId, task);
            tries.remove(key);
        } catch (IOException | RuntimeException e) {
            int n = tries.merge(key, 1, Integer::sum);
            LOG.log(Level.WARNING, "cannot list the outputs of task " + task.id() + " (try " + n + ")", e);
            if (n >= options.attempts()) {
                givenUp.put(key, "the outputs of task " + task.id() + " cannot be listed: " + e.getMessage());
            }
            return false;
        }
        boolean all = true;
        for (OutputFile f : list) {
            all &= ensure(f);
        }
        return all;
    }

    /** Makes sure one output is in the destination, intact; fetches it when not. */
    private boolean ensure(OutputFile f) throws IOException, InterruptedException {
        String signature = f.size() + f.checksum().map(c -> " " + c.algorithm() + " " + c.hex()).orElse("");
        if (signature.equals(verified.get(f.name()))) {
            return true;
        }
        if (givenUp.containsKey(f.name())) {
            return false;
        }
        Path target = destination.resolve(f.name()).normalize();
        if (!target.startsWith(destination)) {
            givenUp.put(f.name(), f.name() + " would land outside " + destination);
            return false;
        }
        Optional<String> intactSha = intact(f, target);
        if (intactSha.isPresent()) {
            FetchedFile known = files.get(f.name());
            if (known == null || known.thumbnail().isEmpty() && thumbnails.reads(target)) {
                record(f, target, intactSha.get());
            }
            verified.put(f.name(), signature);
            return true;
        }
        try {
            String sha = fetcher.fetch(jobId, f, target);
            LOG.info("fetched " + f.name() + " (" + f.size() + " bytes) of task " + f.taskId());
            record(f, target, sha);
            tries.remove(f.name());
            verified.put(f.name(), signature);
            return true;
        } catch (IOException e) {
            int n = tries.merge(f.name(), 1, Integer::sum);
            LOG.log(Level.WARNING, "fetching " + f.name() + " failed (try " + n + " of " + options.attempts() + ")", e);
            if (n >= options.attempts()) {
                givenUp.put(f.name(), f.name() + ": " + e.getMessage());
            }
            return false;
        }
    }

    /**
     * The SHA-256 of the file at {@code target} when it is this output, whole: the size matches,
     * and the farm's checksum (or, when the farm has none, the one saved when it landed) too.
     */
    private Optional<String> intact(OutputFile f, Path target) throws IOException {
        if (!Files.isRegularFile(target) || Files.size(target) != f.size()) {
            return Optional.empty();
        }
        String sha = FileFetcher.sha256(target);
        if (f.checksum().isPresent()) {
            Checksum c = f.checksum().get();
            boolean same = c.algorithm().equals(Checksum.SHA256) ? c.hex().equals(sha)
                    : c.matches(FileFetcher.digest(target, c.algorithm()));
            return same ? Optional.of(sha) : Optional.empty();
        }
        FetchedFile known = files.get(f.name());
        return known == null || known.sha256().equals(sha) ? Optional.of(sha) : Optional.empty();
    }

    private void record(OutputFile f, Path target, String sha) throws IOException, InterruptedException {
        Optional<String> thumb = thumbnails.make(target, f.name(), paths.thumbnails());
        FetchedFile landed = new FetchedFile(f.name(), f.taskId(), f.size(), sha, thumb, clock.instant());
        FileJournal.append(paths.journal(), landed);
        files.remove(f.name());
        files.put(f.name(), landed);
        if (thumb.isPresent()) {
            latestThumbnail = thumb;
        }
        save(WatchStatus.RUNNING, "Fetched " + f.name() + ".", state.tasksTotal());
    }

    /** Saves the counts and the message: a small file, whatever the number of outputs (they are in the journal). */
    private void save(WatchStatus status, String message, int tasksTotal) throws IOException {
        state = new WatchState(jobId, destination, status, state.pid(), state.started(), clock.instant(), message,
                tasksTotal, tasksDone.size(), files.size(), latestThumbnail, List.of(), new ArrayList<>(givenUp.values()));
        WatchStateFile.write(paths, state);
    }

    /** Saves the final state; returns it with every landed file. */
    private WatchState finish(WatchStatus status, String message) throws IOException {
        save(status, message, state.tasksTotal());
        LOG.info("watcher of job " + jobId + " " + status.wire() + ": " + message);
        return state.withFiles(List.copyOf(files.values()));
    }
}

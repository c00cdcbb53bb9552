package io.batchrender.farm.local;

import io.batchrender.process.PidLock;
import io.batchrender.farm.TaskFailure;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the local farm's tasks: one per state folder (guarded by {@link PidLock}), as many at
 * once as the pool has slots, jobs sharing the slots evenly. Every decision is written to the job
 * database before it is acted on; a task the agent cannot finish (it was killed) is found running
 * by the next agent, whose process is stopped and whose task is run again.
 */
public final class Agent {

    /** The local pool's id. */
    public static final String POOL = "local";

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final Duration RECONCILE_EVERY = Duration.ofMillis(100);
    private static final Duration KILL_GRACE = Duration.ofSeconds(3);

    private final StateHome home;
    private final JobDatabase db;
    private final TaskAttempt attempts;
    private final int defaultSlots;
    private final Duration idleExit;
    private final Map<String, RunningTask> running = new LinkedHashMap<>();
    /** What the loop acts on: an {@link Exit}, or a {@link Runnable} posted by a task's file transfer. */
    private final BlockingQueue<Object> exits = new LinkedBlockingQueue<>();
    /** Fetches resource files and uploads or publishes outputs, off the loop. */
    private final ExecutorService transfers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "task-files");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService killers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "task-killer");
        t.setDaemon(true);
        return t;
    });
    private PidLock lock;
    /** Listens for submitters' "look now" while this agent holds the lock; empty where no socket could be made. */
    private Optional<AgentWakeUp> wakeUp = Optional.empty();
    /** Posted by a wake-up: the loop looks for work at once. */
    private static final Runnable LOOK_NOW = () -> { };
    private volatile boolean stopRequested;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private enum StopReason { CANCELLED, TIMEOUT, REQUEUE }

    private static final class RunningTask {
        final ClaimedTask task;
        /** Null while the task's resource files are fetched. */
        Process process;
        final AttemptFiles files;
        final long startMs;
        StopReason stopReason;
        /** Done when every process of the tree is gone; set when the agent stops the task. */
        CompletableFuture<Void> treeGone;
        /** Its process exited and its outputs are being uploaded: it can no longer be stopped. */
        boolean finishing;
        /** Asks a fetch of resource files to stop. */
        final io.batchrender.storage.Cancellation transfer = new io.batchrender.storage.Cancellation();

        RunningTask(ClaimedTask task, Process process, AttemptFiles files, long startMs) {
            this.task = task;
            this.process = process;
            this.files = files;
            this.startMs = startMs;
        }
    }

    private record Exit(String key, int exitCode) {
    }

    public Agent(StateHome home, int defaultSlots, Duration idleExit, Map<String, String> env) {
        this.home = home;
        home.ensure();
        this.db = JobDatabase.open(home.database());
        this.attempts = new TaskAttempt(home, env);
        this.defaultSlots = defaultSlots;
        this.idleExit = idleExit;
    }

    /** Asks a running {@link #run()} to requeue its tasks and return; waits until it has. */
    public void stop(Duration wait) {
        stopRequested = true;
        try {
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs until idle for the idle-exit time or asked to stop. Returns false at once when another
     * agent already runs for this state folder.
     */
    public boolean run() throws IOException, InterruptedException {
        Optional<PidLock> acquired = acquire();
        if (acquired.isEmpty()) {
            LOG.info("another agent holds " + home.agentLock() + "; leaving it the work");
            stopped.countDown();
            db.close();
            return false;
        }
        try {
            LOG.info("agent " + ProcessHandle.current().pid() + " started for " + home.dir());
            lock = acquired.get();
            wakeUp = AgentWakeUp.listen(home, () -> exits.add(LOOK_NOW));
            resumeLeftovers();
            loop();
            return true;
        } finally {
            requeueAll();
            wakeUp.ifPresent(AgentWakeUp::close);
            if (lock != null) {
                lock.close();
            }
            db.close();
            transfers.shutdownNow();
            attempts.close();
            killers.shutdownNow();
            LOG.info("agent " + ProcessHandle.current().pid() + " stopped");
            stopped.countDown();
        }
    }

    private Optional<PidLock> acquire() throws IOException, InterruptedException {
        for (int i = 0; i < 40; i++) {
            Optional<PidLock> lock = PidLock.tryAcquire(home.agentLock());
            if (lock.isPresent()) {
                return lock;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    private void loop() throws IOException {
        long idleSince = System.currentTimeMillis();
        long lastReconcile = 0;
        int slots = defaultSlots;
        while (!stopRequested) {
            long now = System.currentTimeMillis();
            boolean busy = !running.isEmpty();
            if (now - lastReconcile >= RECONCILE_EVERY.toMillis()) {
                lastReconcile = now;
                slots = db.targetSlots(POOL, defaultSlots);
                db.endExpiredJobs(now);
                stopEndingJobs();
                stopTimedOut(now);
                if (db.shrinkPolicy(POOL) == io.batchrender.farm.ShrinkPolicy.REQUEUE) {
                    shrinkTo(slots);
                }
            }
            if (startTasks(slots) > 0) {
                busy = true;
            }
            if (busy || !running.isEmpty()) {
                idleSince = now;
            } else if (now - idleSince >= idleExit.toMillis()) {
                if (letGo()) {
                    return;
                }
                idleSince = now;
            }
            Object event;
            try {
                event = exits.poll(RECONCILE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (event != null) {
                handle(event);
                event = exits.poll();
            }
        }
    }

    /**
     * Lets the lock go, then looks for work once more: a submitter that found the lock held before
     * this point relies on this agent, and one that comes after finds it free and starts a new agent.
     * Returns true when this agent should exit.
     */
    private boolean letGo() throws IOException {
        wakeUp.ifPresent(AgentWakeUp::close); // first: the socket file is never another agent's when removed
        wakeUp = Optional.empty();
        lock.close();
        lock = null;
        boolean work = !db.activeJobsWithWork().isEmpty() && db.targetSlots(POOL, defaultSlots) > 0;
        if (!work) {
            return true;
        }
        lock = PidLock.tryAcquire(home.agentLock()).orElse(null);
        if (lock != null) {
            wakeUp = AgentWakeUp.listen(home, () -> exits.add(LOOK_NOW));
        }
        return lock == null;
    }

    // ---- starting ----------------------------------------------------------------------------

    private int startTasks(int slots) {
        int started = 0;
        if (running.size() >= slots) {
            return 0;
        }
        Map<String, Integer> priorities = db.jobsWithWork();
        List<String> jobs = new ArrayList<>(priorities.keySet());
        Map<String, Integer> perJob = new HashMap<>();
        running.values().forEach(r -> perJob.merge(r.task.jobId(), 1, Integer::sum));
        while (running.size() < slots && !jobs.isEmpty()) {
            // among the jobs of the highest priority, the one with the fewest running tasks goes next;
            // ties go to the oldest job
            int top = jobs.stream().mapToInt(priorities::get).max().orElseThrow();
            String job = jobs.stream().filter(j -> priorities.get(j) == top)
                    .min(Comparator.comparingInt(j -> perJob.getOrDefault(j, 0))).orElseThrow();
            Optional<ClaimedTask> claimed = db.claimNext(job, System.currentTimeMillis());
            if (claimed.isEmpty()) {
                jobs.remove(job);
                continue;
            }
            launch(claimed.get());
            perJob.merge(job, 1, Integer::sum);
            started++;
        }
        return started;
    }

    private void handle(Object event) {
        if (event instanceof Exit exit) {
            finish(exit);
        } else {
            ((Runnable) event).run();
        }
    }

    /**
     * A task holds its slot while its resource files are fetched on a transfer thread, so the loop
     * goes on starting, stopping and timing other tasks meanwhile.
     */
    private void launch(ClaimedTask task) {
        AttemptFiles files = AttemptFiles.of(home, task.jobId(), task.taskId(), task.attempt());
        RunningTask rt = new RunningTask(task, null, files, System.currentTimeMillis());
        running.put(task.key(), rt);
        transfers.execute(() -> {
            try {
                Process process = attempts.start(task, files, rt.transfer);
                exits.add((Runnable) () -> {
                    started(rt, process);
                    if (rt.stopReason != null) {
                        // stopped while its files were fetched: the exit records how
                        rt.treeGone = CompletableFuture.runAsync(() -> ProcessTree.kill(process.toHandle(), KILL_GRACE), killers);
                    }
                });
            } catch (TaskAttempt.NotStarted e) {
                exits.add((Runnable) () -> notStarted(rt, e.outcome));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not start " + task.key(), e);
                writeQuietly(files, "Could not start the task: " + e.getMessage());
                exits.add((Runnable) () -> notStarted(rt, AttemptOutcome.failed(Optional.empty(), TaskFailure.LAUNCH_FAILED,
                        "The task could not start (" + e.getMessage() + "): check the program and the disk.")));
            }
        });
    }

    private void started(RunningTask rt, Process process) {
        rt.process = process;
        db.recordProcess(rt.task, process.pid(), ProcessTree.startMillis(process.toHandle()));
        process.onExit().thenAccept(p -> exits.add(new Exit(rt.task.key(), p.exitValue())));
    }

    private void notStarted(RunningTask rt, AttemptOutcome outcome) {
        running.remove(rt.task.key());
        if (rt.stopReason == null) {
            record(rt.task, outcome);
            return;
        }
        record(rt.task, switch (rt.stopReason) {
            case CANCELLED -> AttemptOutcome.cancelled(Optional.empty());
            case REQUEUE -> AttemptOutcome.requeued();
            case TIMEOUT -> timedOut(rt, Optional.empty());
        });
    }

    // ---- finishing ---------------------------------------------------------------------------

    private void finish(Exit exit) {
        RunningTask rt = running.get(exit.key());
        if (rt == null) {
            return;
        }
        if (rt.treeGone != null && !rt.treeGone.isDone()) {
            // the task's own process is gone but its children may not be yet: record it once they are
            rt.treeGone.whenComplete((v, t) -> exits.add(exit));
            return;
        }
        // its outputs are uploaded and published on a transfer thread; it keeps its slot until they are
        rt.finishing = true;
        transfers.execute(() -> {
            AttemptOutcome outcome = outcomeOf(rt, exit.exitCode());
            if (outcome.kind() != io.batchrender.farm.TaskTransitions.Event.SUCCEEDED) {
                discardQuietly(rt.files);
            }
            exits.add((Runnable) () -> {
                running.remove(exit.key());
                record(rt.task, outcome);
            });
        });
    }

    private AttemptOutcome outcomeOf(RunningTask rt, int exitCode) {
        if (rt.stopReason != null) {
            return switch (rt.stopReason) {
                case CANCELLED -> AttemptOutcome.cancelled(Optional.of(exitCode));
                case REQUEUE -> AttemptOutcome.requeued();
                case TIMEOUT -> timedOut(rt, Optional.of(exitCode));
            };
        }
        return attempts.finish(rt.task, rt.files, exitCode);
    }

    private AttemptOutcome timedOut(RunningTask rt, Optional<Integer> exitCode) {
        attempts.uploadAfterFailure(rt.task, rt.files);
        return AttemptOutcome.failed(exitCode, TaskFailure.TIMEOUT,
                "The task ran longer than its limit of " + rt.task.timeout().map(Duration::toSeconds).orElse(0L)
                        + " s and was stopped: raise its wall-clock limit (--timeout, or the template's"
                        + " constraints.maxWallClockTime) or look at the log for a hang.");
    }

    private void record(ClaimedTask task, AttemptOutcome outcome) {
        db.finishAttempt(task.jobId(), task.taskId(), task.attempt(), task.failures(), task.maxRetries(), outcome,
                System.currentTimeMillis());
    }

    // ---- stopping ----------------------------------------------------------------------------

    private void stopEndingJobs() {
        List<String> ending = db.endingJobs();
        if (ending.isEmpty()) {
            return;
        }
        Set<String> endingSet = Set.copyOf(ending);
        for (RunningTask rt : running.values()) {
            if (rt.stopReason == null && !rt.finishing && endingSet.contains(rt.task.jobId())
                    && !releaseOfTerminatingJob(rt.task)) {
                stop(rt, StopReason.CANCELLED);
            }
        }
    }

    /** A job release task runs on after its job is cancelled (Batch runs it when the job ends); not when deleted. */
    private boolean releaseOfTerminatingJob(ClaimedTask task) {
        return task.role() == TaskRole.RELEASE
                && db.job(task.jobId()).map(j -> j.state() == io.batchrender.farm.JobState.TERMINATING).orElse(false);
    }

    private void stopTimedOut(long now) {
        for (RunningTask rt : running.values()) {
            if (rt.stopReason == null && !rt.finishing && rt.task.deadline(rt.startMs).map(d -> now > d).orElse(false)) {
                stop(rt, StopReason.TIMEOUT);
            }
        }
    }

    /** Puts the most recently started tasks back in the queue until no more run than the pool has slots. */
    private void shrinkTo(int slots) {
        List<RunningTask> live = running.values().stream().filter(r -> r.stopReason == null && !r.finishing)
                .sorted(Comparator.comparingLong((RunningTask r) -> r.startMs).reversed()).toList();
        for (int i = 0; i < live.size() - slots; i++) {
            stop(live.get(i), StopReason.REQUEUE);
        }
    }

    private void stop(RunningTask rt, StopReason reason) {
        rt.stopReason = reason;
        LOG.info("stopping " + rt.task.key() + ": " + reason);
        if (rt.process == null) {
            rt.transfer.cancel(); // still fetching its files: it reports back, and is stopped then
            return;
        }
        Process process = rt.process;
        rt.treeGone = CompletableFuture.runAsync(() -> ProcessTree.kill(process.toHandle(), KILL_GRACE), killers);
    }

    /** On the way out: every task still running goes back to the queue, its processes stopped. */
    private void requeueAll() throws InterruptedException {
        for (RunningTask rt : running.values()) {
            if (rt.finishing) {
                continue; // its outputs are on their way; its outcome is posted when they are
            }
            if (rt.stopReason == null) {
                rt.stopReason = StopReason.REQUEUE;
            }
            rt.transfer.cancel();
            if (rt.process != null) {
                ProcessTree.kill(rt.process.toHandle(), KILL_GRACE);
            }
            rt.treeGone = CompletableFuture.completedFuture(null);
        }
        long deadline = System.currentTimeMillis() + KILL_GRACE.toMillis() * 2;
        while (!running.isEmpty() && System.currentTimeMillis() < deadline) {
            Object event = exits.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                handle(event);
            }
        }
        // a task still fetching or uploading stays 'running' in the database: the next agent runs it again
    }

    /**
     * Tasks the database says are running belong to an agent that died: stop what is left of their
     * processes and run them again (or complete them as cancelled when their job is ending).
     */
    private void resumeLeftovers() {
        Set<String> ending = Set.copyOf(db.endingJobs());
        for (RunningTaskRow row : db.runningTasks(Optional.empty())) {
            ProcessTree.find(row.pid(), row.pidStartMs()).ifPresent(p -> {
                LOG.info("stopping process " + p.pid() + " left by a previous agent for " + row.jobId() + "/" + row.taskId());
                ProcessTree.kill(p, KILL_GRACE);
            });
            AttemptOutcome outcome = ending.contains(row.jobId()) ? AttemptOutcome.cancelled(Optional.empty())
                    : AttemptOutcome.requeued();
            db.finishAttempt(row.jobId(), row.taskId(), row.attempt(), 0, 0, outcome, System.currentTimeMillis());
            discardQuietly(AttemptFiles.of(home, row.jobId(), row.taskId(), row.attempt()));
            LOG.info("resumed " + row.jobId() + "/" + row.taskId() + " left running by a previous agent");
        }
    }

    private static void discardQuietly(AttemptFiles files) {
        try {
            OutputStager.deleteTree(files.images());
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not remove " + files.images(), e);
        }
    }

    private static void writeQuietly(AttemptFiles files, String message) {
        try {
            Files.createDirectories(files.dir());
            Files.writeString(files.stderr(), message + System.lineSeparator());
        } catch (IOException ignored) {
            // the database holds the message too
        }
    }
}

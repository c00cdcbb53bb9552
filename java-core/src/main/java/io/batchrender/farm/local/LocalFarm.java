package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.Submitted;
import io.batchrender.farm.TaskLog;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.Job;
import io.batchrender.job.Task;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.local.LocalBlobStore;
import io.batchrender.templates.TaskShell;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * This workstation as a render farm: jobs in the state folder's database, run by a detached
 * {@link Agent} that this class starts when work arrives and none runs.
 */
public final class LocalFarm implements RenderFarm {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final StateHome home;
    private final JobDatabase db;
    private final AgentLauncher agents;
    private final Clock clock;

    public LocalFarm(StateHome home, AgentLauncher agents, Clock clock) {
        this.home = home;
        home.ensure();
        this.db = JobDatabase.open(home.database());
        this.agents = agents;
        this.clock = clock;
    }

    /** How many tasks the local pool runs at once unless resized: one per core. */
    public static int defaultSlots() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public com.google.gson.JsonObject preview(Job job) {
        com.google.gson.JsonObject out = new com.google.gson.JsonObject();
        out.addProperty("farm", "local");
        out.add("job", io.batchrender.job.JobJson.toJson(job.withEnvironment(io.batchrender.job.Secrets.masked(job.environment()))));
        return out;
    }

    /**
     * Checks and stores a job and starts the agent. Its tasks run as a Batch node runs them (see
     * {@link TaskAttempt}); command lines are wrapped in this workstation's shell as the Batch CLI
     * extensions wrap them for a pool ({@link TaskShell}). The job keeps its own id when it has one
     * (refused when taken, as Batch's JobExists), else one is made from its name.
     *
     * @return the job and the notes: the compiler's, the Azure-only properties left aside here, the
     *         programs not on this workstation and the file groups not in the local store
     * @throws FarmException for a job only a job manager task would fill, a taken id, or an output
     *                       folder that cannot be written
     */
    @Override
    public Submitted submit(Job job) {
        if (job.tasks().isEmpty()) {
            throw new FarmException("Job " + job.id() + " has only a job manager task, which adds its tasks through the"
                    + " Batch API: the local farm does not run job manager tasks; submit it with --farm azure.");
        }
        Job runnable = asRun(job);
        List<String> notes = new ArrayList<>(job.notes());
        notes.addAll(IgnoredProperties.notes(job));
        notes.addAll(ProgramCheck.notes(runnable, System.getenv()));
        notes.addAll(missingContainers(runnable));
        String jobId = job.id().isEmpty() ? JobIds.next(job.displayName(), clock.instant()) : job.id();
        Path output = job.outputDir().map(p -> p.toAbsolutePath().normalize())
                .orElseGet(() -> home.jobDir(jobId).resolve("output"));
        ensureWritableFolder(output);
        db.insert(jobId, runnable, output, job.outputDir().isEmpty(), clock.millis());
        if (db.targetSlots(Agent.POOL, defaultSlots()) > 0) {
            agents.ensureRunning();
        }
        return new Submitted(db.job(jobId).orElseThrow(), notes);
    }

    /**
     * The job as this workstation runs it: command lines in its shell, each task's retries settled
     * (its own, else the job's; the preparation task's own or none, the release task none, as Batch
     * does) and the release task's limit 15 minutes unless it has one (Batch's default).
     */
    private static Job asRun(Job job) {
        TaskShell.Os os = ProgramCheck.onWindows() ? TaskShell.Os.WINDOWS : TaskShell.Os.LINUX;
        java.util.function.UnaryOperator<Task> shell = t -> t.command() instanceof Command.Line line
                ? new Task(t.id(), t.displayName(), new Command.Line(TaskShell.wrap(line.text(), os)), t.environment(),
                        t.resourceFiles(), t.outputFiles(), t.dependsOn(), t.constraints(), t.frames(), t.requiredOutputs(),
                        t.waitForSuccess(), t.extra())
                : t;
        List<Task> tasks = job.tasks().stream().map(shell)
                .map(t -> t.withConstraints(new Constraints(t.constraints().maxWallClockTime(), Optional.of(job.retriesOf(t)))))
                .toList();
        Optional<Task> prep = job.preparationTask().map(shell).map(t -> t.withConstraints(new Constraints(
                t.constraints().maxWallClockTime(), Optional.of(t.constraints().maxTaskRetryCount().orElse(0)))));
        Optional<Task> release = job.releaseTask().map(shell).map(t -> t.withConstraints(new Constraints(
                Optional.of(t.constraints().maxWallClockTime().orElse(Duration.ofMinutes(15))), Optional.of(0))));
        return new Job(job.id(), job.displayName(), job.origin(), job.priority(), job.constraints(), prep, release,
                job.environment(), tasks, job.outputDir(), job.metadata(), List.of(), job.extra());
    }

    /** Resource files from local store containers that are not there (yet): their tasks would fail. */
    private List<String> missingContainers(Job job) {
        Set<String> containers = new LinkedHashSet<>();
        job.allTasks().forEach(t -> t.resourceFiles().forEach(f -> f.autoStorageContainerName().ifPresent(containers::add)));
        List<String> lines = new ArrayList<>();
        if (containers.isEmpty()) {
            return lines;
        }
        try (LocalBlobStore store = LocalBlobStore.open(AssetStores.localRoot(home))) {
            for (String c : containers) {
                if (!store.containerExists(c)) {
                    lines.add("warning: the local store has no container " + c + " (" + store.describe()
                            + "): upload the file group before its tasks start, or they fail");
                }
            }
        }
        return lines;
    }

    private static void ensureWritableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new FarmException("Cannot create the output folder " + folder + " (" + reason(e)
                    + "): choose another with --output.");
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new FarmException("Cannot write to the output folder " + folder + ": choose another with --output.");
        }
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    @Override
    public List<JobInfo> jobs() {
        return db.jobs();
    }

    @Override
    public Optional<JobInfo> job(String jobId) {
        return db.job(jobId);
    }

    @Override
    public List<TaskInfo> tasks(String jobId) {
        job(jobId).orElseThrow(() -> JobDatabase.unknownJob(jobId));
        return db.tasks(jobId);
    }

    /** One page, read from the database as a page (LIMIT and OFFSET in submission order). */
    @Override
    public io.batchrender.farm.TaskPage tasks(String jobId, io.batchrender.farm.TaskQuery query) {
        job(jobId).orElseThrow(() -> JobDatabase.unknownJob(jobId));
        return db.taskPage(jobId, query);
    }

    @Override
    public void cancel(String jobId) {
        if (db.beginEnding(jobId, JobState.TERMINATING, clock.millis())) {
            awaitStopped(jobId, false);
            if (db.jobsWithWork().containsKey(jobId) && db.targetSlots(Agent.POOL, defaultSlots()) > 0) {
                agents.ensureRunning(); // the job's release task still runs
            }
        }
    }

    @Override
    public void delete(String jobId) {
        boolean ownOutput = db.ownsOutput(jobId);
        db.beginEnding(jobId, JobState.DELETING, clock.millis());
        awaitStopped(jobId, true);
        db.deleteJobRows(jobId);
        try {
            if (ownOutput) {
                OutputStager.deleteTree(home.jobDir(jobId));
            } else {
                OutputStager.deleteTree(home.jobDir(jobId).resolve("tasks"));
                Files.deleteIfExists(home.jobDir(jobId));
            }
        } catch (IOException e) {
            throw new FarmException("Job " + jobId + " is deleted but some of its files remain in "
                    + home.jobDir(jobId) + " (" + e.getMessage() + "): remove them by hand.", e);
        }
    }

    /**
     * Waits until no task of the job runs. The agent stops them; when no agent runs, the tasks were
     * left by one that died, so their processes are stopped here.
     */
    private void awaitStopped(String jobId, boolean withRelease) {
        long deadline = clock.millis() + STOP_WAIT.toMillis();
        while (true) {
            List<RunningTaskRow> left = db.runningTasks(Optional.of(jobId), withRelease);
            if (left.isEmpty()) {
                db.completeJobIfDone(jobId, clock.millis());
                return;
            }
            if (!agents.isRunning()) {
                for (RunningTaskRow row : left) {
                    ProcessTree.find(row.pid(), row.pidStartMs()).ifPresent(p -> ProcessTree.kill(p, Duration.ofSeconds(3)));
                    db.finishAttempt(row.jobId(), row.taskId(), row.attempt(), 0, 0,
                            AttemptOutcome.cancelled(Optional.empty()), clock.millis());
                }
                continue;
            }
            if (clock.millis() > deadline) {
                throw new FarmException("The agent did not stop job " + jobId + " within " + STOP_WAIT.toSeconds()
                        + " s: see " + home.logsDir().resolve("agent.log") + ", or stop the agent and try again.");
            }
            sleep(50);
        }
    }

    @Override
    public TaskLog log(String jobId, String taskId, int attempt) {
        job(jobId).orElseThrow(() -> JobDatabase.unknownJob(jobId));
        TaskInfo task = db.task(jobId, taskId)
                .orElseThrow(() -> new FarmException("Job " + jobId + " has no task '" + taskId
                        + "': see its tasks with 'batchrender job show " + jobId + "'."));
        if (task.attempts() == 0) {
            throw new FarmException("Task " + taskId + " of job " + jobId + " has not started yet, so it has no logs.");
        }
        int n = attempt == 0 ? task.attempts() : attempt;
        if (n < 1 || n > task.attempts()) {
            throw new FarmException("Task " + taskId + " has attempts 1 to " + task.attempts() + ", not " + attempt + ".");
        }
        AttemptFiles files = AttemptFiles.of(home, jobId, taskId, n);
        return new TaskLog(jobId, taskId, n, files.stdout(), files.stderr());
    }

    @Override
    public List<PoolInfo> pools() {
        int slots = db.targetSlots(Agent.POOL, defaultSlots());
        int running = db.runningCount();
        boolean waiting = !db.activeJobsWithWork().isEmpty();
        String state = slots == 0 ? (running > 0 ? "pausing" : "paused")
                : running > 0 || waiting ? "rendering" : "idle";
        return List.of(new PoolInfo(Agent.POOL, slots, running, state));
    }

    @Override
    public String resize(String poolId, int slots, io.batchrender.farm.ShrinkPolicy policy) {
        if (!Agent.POOL.equals(poolId)) {
            throw new FarmException("This workstation has one pool, 'local'; '" + poolId + "' is not it.");
        }
        if (slots < 0) {
            throw new FarmException("A pool cannot have " + slots + " slots: use 0 to pause, or more to render.");
        }
        db.setTargetSlots(poolId, slots, policy);
        if (slots > 0 && !db.activeJobsWithWork().isEmpty()) {
            agents.ensureRunning();
        }
        return "";
    }

    @Override
    public List<String> notesFor(JobInfo job) {
        return pools().stream().filter(p -> p.targetSlots() == 0).findFirst()
                .map(p -> List.of("pool " + p.id() + " is paused, so the job waits: resume it with 'batchrender pool resize "
                        + p.id() + " " + defaultSlots() + "'."))
                .orElse(List.of());
    }

    /** The jobs' output folders under the state folder (or the folder {@code --output} named). */
    @Override
    public io.batchrender.farm.TaskOutputs outputs(java.util.Map<String, String> env) {
        return new LocalTaskOutputs(home, this);
    }

    @Override
    public io.batchrender.farm.TemplateRunner templates(java.util.Map<String, String> env) {
        return new LocalTemplateRunner(this, home, env);
    }

    @Override
    public void close() {
        db.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FarmException("Interrupted while waiting for the job to stop.");
        }
    }
}

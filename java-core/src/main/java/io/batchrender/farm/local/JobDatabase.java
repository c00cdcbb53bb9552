package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobSpec;
import io.batchrender.farm.JobState;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskSpec;
import io.batchrender.farm.TaskState;
import io.batchrender.render.TaskCommand;
import io.batchrender.sqlite.SqliteDatabase;
import io.batchrender.sqlite.SqliteDatabase.SqlWork;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local farm's jobs and tasks in SQLite (WAL), shared by the CLI, the agent, the gateway and
 * the watcher across processes. Every change of state is committed here before it is acted on.
 */
final class JobDatabase implements AutoCloseable {

    private final SqliteDatabase db;
    private final Connection conn;
    /** What template claims remember between calls (only the agent claims). */
    private final TemplateClaims.Memo memo = new TemplateClaims.Memo();

    private JobDatabase(SqliteDatabase db) {
        this.db = db;
        this.conn = db.connection();
    }

    static JobDatabase open(Path file) {
        return new JobDatabase(JobDatabaseSchema.open(file));
    }

    // ---- jobs, as the CLI and the gateway see them ----------------------------------------

    synchronized void insertJob(String jobId, JobSpec spec, Path outputDir, boolean ownOutput, long nowMs) {
        inTransaction(() -> {
            try (PreparedStatement job = conn.prepareStatement(
                    "INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, max_retries,"
                            + " timeout_ms, created_ms, environment) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                job.setString(1, jobId);
                job.setString(2, spec.name());
                job.setString(3, JobState.ACTIVE.wire());
                job.setString(4, spec.renderer());
                job.setString(5, spec.scene().map(Path::toString).orElse(null));
                job.setString(6, outputDir.toString());
                job.setInt(7, ownOutput ? 1 : 0);
                job.setInt(8, spec.maxRetries());
                job.setLong(9, spec.taskTimeout().map(d -> d.toMillis()).orElse(0L));
                job.setLong(10, nowMs);
                job.setString(11, spec.environment().isEmpty() ? null : JobRows.GSON.toJson(spec.environment()));
                job.executeUpdate();
            }
            try (PreparedStatement task = conn.prepareStatement(
                    "INSERT INTO tasks (job_id, id, seq, frames, command, state) VALUES (?,?,?,?,?,?)")) {
                int seq = 0;
                for (TaskSpec t : spec.tasks()) {
                    task.setString(1, jobId);
                    task.setString(2, t.id());
                    task.setInt(3, seq++);
                    task.setString(4, JobRows.GSON.toJson(t.frames()));
                    task.setString(5, JobRows.GSON.toJson(t.command()));
                    task.setString(6, TaskState.ACTIVE.wire());
                    task.addBatch();
                }
                task.executeBatch();
            }
            return null;
        });
    }

    /**
     * Stores a template job under {@code jobId}; refuses (Batch's JobExists) when a job of that id,
     * in any case, is already here.
     */
    synchronized void insertTemplateJob(String jobId, TemplatePlan plan, Map<String, String> env, Path outputDir,
                                        long nowMs) {
        inTransaction(() -> {
            try (PreparedStatement st = conn.prepareStatement("SELECT id FROM jobs WHERE id = ? COLLATE NOCASE")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        throw new FarmException("JobExists: a job '" + rs.getString(1) + "' is already on this workstation:"
                                + " give the template another job id, or delete that job with 'batchrender job delete "
                                + rs.getString(1) + "'.");
                    }
                }
            }
            new TemplateRows(conn).insert(jobId, plan, env, outputDir, nowMs);
            return null;
        });
    }

    /** Ends the template jobs whose maxWallClockTime has passed, as Batch does; returns their ids. */
    synchronized List<String> endExpiredJobs(long nowMs) {
        List<String> expired = query(() -> new TemplateRows(conn).expired(nowMs));
        for (String id : expired) {
            inTransaction(() -> {
                update("UPDATE tasks SET state = 'completed', result = 'failure', failure_code = ?, failure_message = ?,"
                                + " ended_ms = ? WHERE job_id = ? AND state = 'active' AND (role IS NULL OR role != 'release')",
                        TemplateFailures.JOB_TIMEOUT, "The job ran longer than its maxWallClockTime, so this task never started.",
                        nowMs, id);
                update("UPDATE jobs SET state = 'terminating' WHERE id = ? AND state = 'active'", id);
                completeJobIfDone(id, nowMs);
                return null;
            });
        }
        return expired;
    }

    synchronized List<JobInfo> jobs() {
        return query(() -> readJobs("SELECT * FROM jobs ORDER BY created_ms, id", null));
    }

    synchronized Optional<JobInfo> job(String jobId) {
        return query(() -> readJobs("SELECT * FROM jobs WHERE id = ?", jobId).stream().findFirst());
    }

    synchronized List<TaskInfo> tasks(String jobId) {
        return query(() -> {
            List<TaskInfo> tasks = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement("SELECT * FROM tasks WHERE job_id = ? AND role IS NULL ORDER BY seq")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tasks.add(JobRows.readTask(rs));
                    }
                }
            }
            return tasks;
        });
    }

    /** Whether the job keeps its outputs in a folder the farm owns (deleted with the job). */
    synchronized boolean ownsOutput(String jobId) {
        return query(() -> {
            try (PreparedStatement st = conn.prepareStatement("SELECT own_output FROM jobs WHERE id = ?")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    /**
     * Starts ending a job: it moves to {@code ending} (terminating or deleting) and its tasks that have
     * not started complete as cancelled. Running tasks are the agent's to stop.
     * Returns false when the job is already completed (nothing to stop) and {@code ending} is terminating.
     */
    synchronized boolean beginEnding(String jobId, JobState ending, long nowMs) {
        return inTransaction(() -> {
            JobState state = jobState(jobId).orElseThrow(() -> unknownJob(jobId));
            if (state == JobState.COMPLETED && ending == JobState.TERMINATING) {
                return false;
            }
            if (state != JobState.DELETING) {
                update("UPDATE jobs SET state = ? WHERE id = ?", ending.wire(), jobId);
            }
            update("UPDATE tasks SET state = 'completed', result = 'failure', failure_code = ?, failure_message = ?,"
                            + " ended_ms = ? WHERE job_id = ? AND state = 'active'"
                            + (ending == JobState.TERMINATING ? " AND (role IS NULL OR role != 'release')" : ""),
                    TaskFailure.CANCELLED, "The job was cancelled before this task started.", nowMs, jobId);
            completeJobIfDone(jobId, nowMs);
            return true;
        });
    }

    /** Running tasks of a job (the agent's, or a dead agent's). */
    synchronized List<RunningTaskRow> runningTasks(Optional<String> jobId) {
        return runningTasks(jobId, true);
    }

    /** Running tasks of a job; {@code withRelease} false leaves out a job release task (it runs after a cancel). */
    synchronized List<RunningTaskRow> runningTasks(Optional<String> jobId, boolean withRelease) {
        return query(() -> {
            List<RunningTaskRow> rows = new ArrayList<>();
            String sql = "SELECT job_id, id, attempts, pid, pid_start_ms FROM tasks WHERE state = 'running'"
                    + (jobId.isPresent() ? " AND job_id = ?" : "")
                    + (withRelease ? "" : " AND (role IS NULL OR role != 'release')");
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                if (jobId.isPresent()) {
                    st.setString(1, jobId.get());
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new RunningTaskRow(rs.getString(1), rs.getString(2), rs.getInt(3),
                                rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            return rows;
        });
    }

    synchronized void deleteJobRows(String jobId) {
        inTransaction(() -> {
            update("DELETE FROM tasks WHERE job_id = ?", jobId);
            update("DELETE FROM jobs WHERE id = ?", jobId);
            return null;
        });
    }

    // ---- the agent's side ------------------------------------------------------------------

    /** Jobs whose tasks may start, oldest first. */
    synchronized List<String> activeJobsWithWork() {
        return new ArrayList<>(jobsWithWork().keySet());
    }

    /**
     * Jobs whose tasks may start, with their priority: highest priority first, then oldest first. A
     * terminating template job is among them while its job release task waits.
     */
    synchronized Map<String, Integer> jobsWithWork() {
        return query(() -> {
            Map<String, Integer> ids = new java.util.LinkedHashMap<>();
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT j.id, j.priority FROM jobs j WHERE (j.state = 'active' AND EXISTS"
                            + " (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'active'))"
                            + " OR (j.state = 'terminating' AND EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id"
                            + " AND t.state = 'active' AND t.role = 'release'))"
                            + " ORDER BY j.priority DESC, j.created_ms, j.id")) {
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return ids;
        });
    }

    /** Jobs being cancelled or deleted. */
    synchronized List<String> endingJobs() {
        return query(() -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT id FROM jobs WHERE state IN ('terminating', 'deleting')")) {
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Marks the job's next waiting task running (attempt + 1) and returns it; empty when none waits. */
    synchronized Optional<ClaimedTask> claimNext(String jobId, long nowMs) {
        return inTransaction(() -> {
            Optional<String> templateTask = Optional.empty();
            Optional<String> kind = jobKind(jobId);
            if (kind.isEmpty()) {
                return Optional.<ClaimedTask>empty();
            }
            if (TemplateRows.KIND.equals(kind.get())) {
                JobState state = jobState(jobId).orElseThrow();
                templateTask = new TemplateClaims(conn, memo).next(jobId, createdMs(jobId), state.wire(), nowMs);
                if (templateTask.isEmpty()) {
                    completeJobIfDone(jobId, nowMs);
                    return Optional.<ClaimedTask>empty();
                }
            }
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT t.id, t.frames, t.command, t.attempts, t.failures, j.max_retries, j.timeout_ms,"
                            + " j.output_dir, j.environment, t.template FROM tasks t JOIN jobs j ON j.id = t.job_id"
                            + " WHERE t.job_id = ? AND t.state = 'active'"
                            + (templateTask.isPresent() ? " AND t.id = ?" : " AND j.state = 'active'")
                            + " ORDER BY t.seq LIMIT 1")) {
                st.setString(1, jobId);
                if (templateTask.isPresent()) {
                    st.setString(2, templateTask.get());
                }
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ClaimedTask>empty();
                    }
                    Optional<TemplateTask> spec = TemplateRows.spec(rs.getString(10));
                    Optional<TemplateClaim> template = Optional.empty();
                    if (spec.isPresent()) {
                        var prep = new TemplateRows(conn).prep(jobId);
                        template = Optional.of(new TemplateClaim(spec.get(), prep.map(Map.Entry::getKey),
                                prep.map(Map.Entry::getValue).orElse(0)));
                    }
                    ClaimedTask task = new ClaimedTask(jobId, rs.getString(1),
                            JobRows.GSON.fromJson(rs.getString(2), JobRows.INT_LIST),
                            JobRows.GSON.fromJson(rs.getString(3), TaskCommand.class),
                            rs.getInt(4) + 1, rs.getInt(5), spec.map(TemplateTask::maxRetries).orElse(rs.getInt(6)),
                            spec.map(TemplateTask::timeoutMs).orElse(rs.getLong(7)), Path.of(rs.getString(8)),
                            JobRows.environment(rs.getString(9)), template);
                    update("UPDATE tasks SET state = 'running', attempts = ?, started_ms = ?, ended_ms = NULL,"
                                    + " pid = NULL, pid_start_ms = NULL WHERE job_id = ? AND id = ?",
                            task.attempt(), nowMs, jobId, task.taskId());
                    return Optional.of(task);
                }
            }
        });
    }

    synchronized void recordProcess(ClaimedTask task, long pid, long pidStartMs) {
        inTransaction(() -> update("UPDATE tasks SET pid = ?, pid_start_ms = ? WHERE job_id = ? AND id = ?"
                + " AND state = 'running' AND attempts = ?", pid, pidStartMs, task.jobId(), task.taskId(), task.attempt()));
    }

    /**
     * Records how an attempt ended. Does nothing when the task moved on meanwhile (another process
     * cancelled it), so an outcome is never recorded twice. Returns whether it was recorded.
     */
    synchronized boolean finishAttempt(String jobId, String taskId, int attempt, int failuresBefore, int maxRetries,
                                       AttemptOutcome outcome, long nowMs) {
        return inTransaction(() -> {
            String where = " WHERE job_id = ? AND id = ? AND state = 'running' AND attempts = ?";
            Integer exit = outcome.exitCode().orElse(null);
            String code = outcome.failure().map(TaskFailure::code).orElse(null);
            String message = outcome.failure().map(TaskFailure::message).orElse(null);
            int changed = switch (outcome.kind()) {
                case SUCCEEDED -> update("UPDATE tasks SET state = 'completed', result = 'success', exit_code = ?,"
                        + " failure_code = NULL, failure_message = NULL, ended_ms = ?, pid = NULL" + where,
                        exit, nowMs, jobId, taskId, attempt);
                case FAILED -> failuresBefore + 1 <= maxRetries
                        ? update("UPDATE tasks SET state = 'active', failures = failures + 1, exit_code = ?,"
                                + " failure_code = ?, failure_message = ?, ended_ms = ?, pid = NULL" + where,
                                exit, code, message, nowMs, jobId, taskId, attempt)
                        : update("UPDATE tasks SET state = 'completed', result = 'failure', failures = failures + 1,"
                                + " exit_code = ?, failure_code = ?, failure_message = ?, ended_ms = ?, pid = NULL" + where,
                                exit, code, message, nowMs, jobId, taskId, attempt);
                case FAILED_FINAL, CANCELLED -> update("UPDATE tasks SET state = 'completed', result = 'failure',"
                        + " failures = failures + 1, exit_code = ?, failure_code = ?, failure_message = ?, ended_ms = ?,"
                        + " pid = NULL" + where, exit, code, message, nowMs, jobId, taskId, attempt);
                case REQUEUED -> update("UPDATE tasks SET state = 'active', requeues = requeues + 1, pid = NULL,"
                        + " ended_ms = NULL" + where, jobId, taskId, attempt);
            };
            if (changed > 0) {
                completeJobIfDone(jobId, nowMs);
            }
            return changed > 0;
        });
    }

    /** Moves a job whose tasks are all completed to completed (a deleting job stays deleting). */
    synchronized void completeJobIfDone(String jobId, long nowMs) {
        inTransaction(() -> {
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT COUNT(*) FROM tasks WHERE job_id = ? AND state != 'completed'")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        update("UPDATE jobs SET state = 'completed', ended_ms = ? WHERE id = ?"
                                + " AND state IN ('active', 'terminating')", nowMs, jobId);
                    }
                }
            }
            return null;
        });
    }

    // ---- the pool --------------------------------------------------------------------------

    synchronized int targetSlots(String poolId, int defaultSlots) {
        return query(() -> {
            try (PreparedStatement st = conn.prepareStatement("SELECT target_slots FROM pools WHERE id = ?")) {
                st.setString(1, poolId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : defaultSlots;
                }
            }
        });
    }

    synchronized void setTargetSlots(String poolId, int slots, ShrinkPolicy policy) {
        inTransaction(() -> update("INSERT INTO pools (id, target_slots, shrink) VALUES (?, ?, ?)"
                + " ON CONFLICT(id) DO UPDATE SET target_slots = excluded.target_slots, shrink = excluded.shrink",
                poolId, slots, policy.wire()));
    }

    synchronized ShrinkPolicy shrinkPolicy(String poolId) {
        return query(() -> {
            try (PreparedStatement st = conn.prepareStatement("SELECT shrink FROM pools WHERE id = ?")) {
                st.setString(1, poolId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? ShrinkPolicy.fromWire(rs.getString(1)) : ShrinkPolicy.REQUEUE;
                }
            }
        });
    }

    synchronized int runningCount() {
        return query(() -> {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM tasks WHERE state = 'running'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    // ---- reading rows ----------------------------------------------------------------------

    private List<JobInfo> readJobs(String sql, String arg) throws SQLException {
        List<JobInfo> jobs = new ArrayList<>();
        Map<String, TaskCounts> counts = taskCounts(arg);
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            if (arg != null) {
                st.setString(1, arg);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    jobs.add(new JobInfo(id, rs.getString("name"), JobState.fromWire(rs.getString("state")),
                            rs.getString("renderer"), Optional.ofNullable(rs.getString("scene")).map(Path::of),
                            Path.of(rs.getString("output_dir")), Instant.ofEpochMilli(rs.getLong("created_ms")),
                            JobRows.optionalLong(rs, "ended_ms").map(Instant::ofEpochMilli),
                            counts.getOrDefault(id, new TaskCounts(0, 0, 0, 0)), Agent.POOL));
                }
            }
        }
        return jobs;
    }

    private Map<String, TaskCounts> taskCounts(String jobId) throws SQLException {
        String sql = "SELECT job_id, state, result, COUNT(*) FROM tasks WHERE role IS NULL"
                + (jobId != null ? " AND job_id = ?" : "") + " GROUP BY job_id, state, result";
        Map<String, EnumMap<Bucket, Integer>> raw = new java.util.HashMap<>();
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            if (jobId != null) {
                st.setString(1, jobId);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Bucket b = switch (TaskState.fromWire(rs.getString(2))) {
                        case ACTIVE -> Bucket.ACTIVE;
                        case RUNNING -> Bucket.RUNNING;
                        case COMPLETED -> "success".equals(rs.getString(3)) ? Bucket.SUCCEEDED : Bucket.FAILED;
                    };
                    raw.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(Bucket.class)).merge(b, rs.getInt(4), Integer::sum);
                }
            }
        }
        Map<String, TaskCounts> counts = new java.util.HashMap<>();
        raw.forEach((id, m) -> counts.put(id, new TaskCounts(m.getOrDefault(Bucket.ACTIVE, 0),
                m.getOrDefault(Bucket.RUNNING, 0), m.getOrDefault(Bucket.SUCCEEDED, 0), m.getOrDefault(Bucket.FAILED, 0))));
        return counts;
    }

    private enum Bucket { ACTIVE, RUNNING, SUCCEEDED, FAILED }

    private long createdMs(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT created_ms FROM jobs WHERE id = ?")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private Optional<String> jobKind(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT coalesce(kind, 'scene') FROM jobs WHERE id = ?")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private Optional<JobState> jobState(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT state FROM jobs WHERE id = ?")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(JobState.fromWire(rs.getString(1))) : Optional.empty();
            }
        }
    }

    static io.batchrender.farm.UnknownJobException unknownJob(String jobId) {
        return new io.batchrender.farm.UnknownJobException(jobId, "No job '" + jobId + "' on this workstation: list them with 'batchrender jobs'.");
    }

    // ---- plumbing --------------------------------------------------------------------------

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    /** Runs work in one write transaction (BEGIN IMMEDIATE); nested calls join the outer one. */
    private <T> T inTransaction(SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw new FarmException("The job database failed (" + e.getMessage() + "): try again; if it persists, "
                    + "check the disk under the state folder.", e);
        }
    }

    /** Runs reads outside a write transaction, so readers never wait for the agent or block it. */
    private <T> T query(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new FarmException("The job database failed: " + e.getMessage(), e);
        }
    }
}

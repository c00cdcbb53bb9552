package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.farm.TaskTransitions;
import io.batchrender.job.Job;
import io.batchrender.job.JobJson;
import io.batchrender.job.Task;
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
    /** What claims remember between calls (only the agent claims). */
    private final TaskClaims.Memo memo = new TaskClaims.Memo();

    private JobDatabase(SqliteDatabase db) {
        this.db = db;
        this.conn = db.connection();
    }

    static JobDatabase open(Path file) {
        return new JobDatabase(JobDatabaseSchema.open(file));
    }

    // ---- jobs, as the CLI and the gateway see them ----------------------------------------

    /**
     * Stores a job under {@code jobId}, each task as the JSON of the {@link Task} it runs as; refuses
     * (Batch's JobExists) when a job of that id, in any case, is already here.
     */
    synchronized void insert(String jobId, Job job, Path outputDir, boolean ownOutput, long nowMs) {
        inTransaction(() -> {
            try (PreparedStatement st = conn.prepareStatement("SELECT id FROM jobs WHERE id = ? COLLATE NOCASE")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        throw new FarmException("JobExists: a job '" + rs.getString(1) + "' is already on this workstation:"
                                + " give the job another id, or delete that job with 'batchrender job delete "
                                + rs.getString(1) + "'.");
                    }
                }
            }
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, created_ms, environment,"
                            + " priority, deadline_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                st.setString(1, jobId);
                st.setString(2, job.displayName());
                st.setString(3, JobState.ACTIVE.wire());
                st.setString(4, job.origin().renderer());
                st.setString(5, job.origin().source().map(Path::toString).orElse(null));
                st.setString(6, outputDir.toString());
                st.setInt(7, ownOutput ? 1 : 0);
                st.setLong(8, nowMs);
                st.setString(9, job.environment().isEmpty() ? null : JobRows.GSON.toJson(job.environment()));
                st.setInt(10, job.priority());
                st.setObject(11, job.constraints().maxWallClockTime().map(d -> nowMs + d.toMillis()).orElse(null));
                st.executeUpdate();
            }
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO tasks (job_id, id, seq, role, frames, task, state) VALUES (?,?,?,?,?,?,'active')")) {
                int seq = 0;
                for (Task t : job.allTasks()) {
                    TaskRole role = job.preparationTask().filter(t::equals).isPresent() ? TaskRole.PREPARATION
                            : job.releaseTask().filter(t::equals).isPresent() ? TaskRole.RELEASE : TaskRole.TASK;
                    st.setString(1, jobId);
                    st.setString(2, t.id());
                    st.setInt(3, seq++);
                    st.setString(4, role.column);
                    st.setString(5, JobRows.GSON.toJson(t.frames()));
                    st.setString(6, JobJson.toJson(t).toString());
                    st.addBatch();
                    if (seq % 1000 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** Ends the jobs whose maxWallClockTime has passed, as Batch does; returns their ids. */
    synchronized List<String> endExpiredJobs(long nowMs) {
        List<String> expired = query(() -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT id FROM jobs WHERE state = 'active' AND deadline_ms IS NOT NULL AND deadline_ms < ?")) {
                st.setLong(1, nowMs);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        for (String id : expired) {
            inTransaction(() -> {
                update("UPDATE tasks SET state = 'completed', result = 'failure', failure_code = ?, failure_message = ?,"
                                + " ended_ms = ? WHERE job_id = ? AND state = 'active' AND (role IS NULL OR role != 'release')",
                        TaskFailure.JOB_TIMEOUT, "The job ran longer than its maxWallClockTime, so this task never started.",
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

    /**
     * One page of the job's tasks (not its preparation or release task) in submission order, read with LIMIT and
     * OFFSET on the index {@code tasks_by_seq} (or {@code tasks_by_state} with a state), with how many match and the
     * job's counts by state, all from one snapshot of the database: never a list of every task.
     */
    synchronized TaskPage taskPage(String jobId, TaskQuery query) {
        return readTransaction(() -> {
            TaskCounts counts = taskCounts(jobId).getOrDefault(jobId, new TaskCounts(0, 0, 0, 0));
            String where = query.state().map(JobDatabase::stateCondition).orElse("");
            List<TaskInfo> tasks = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement("SELECT * FROM tasks WHERE job_id = ? AND role IS NULL"
                    + where + " ORDER BY seq LIMIT ? OFFSET ?")) {
                st.setString(1, jobId);
                st.setInt(2, query.pageSize());
                st.setLong(3, query.offset());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tasks.add(JobRows.readTask(rs));
                    }
                }
            }
            long matching = query.state().map(f -> (long) f.count(counts)).orElse((long) counts.total());
            return new TaskPage(query, tasks, matching, counts);
        });
    }

    /** The SQL condition of a state filter, as {@link #taskCounts} counts (a completed task without success failed). */
    private static String stateCondition(TaskQuery.StateFilter f) {
        return switch (f) {
            case ACTIVE -> " AND state = 'active'";
            case RUNNING -> " AND state = 'running'";
            case COMPLETED -> " AND state = 'completed'";
            case SUCCEEDED -> " AND state = 'completed' AND result = 'success'";
            case FAILED -> " AND state = 'completed' AND (result IS NULL OR result != 'success')";
        };
    }

    /** One task of the job (not its preparation or release task), looked up by its id. */
    synchronized Optional<TaskInfo> task(String jobId, String taskId) {
        return query(() -> {
            try (PreparedStatement st = conn.prepareStatement("SELECT * FROM tasks WHERE job_id = ? AND id = ? AND role IS NULL")) {
                st.setString(1, jobId);
                st.setString(2, taskId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(JobRows.readTask(rs)) : Optional.<TaskInfo>empty();
                }
            }
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
     * terminating job is among them while its job release task waits.
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

    /** Marks the job's next task that may start running (attempt + 1) and returns it; empty when none may now. */
    synchronized Optional<ClaimedTask> claimNext(String jobId, long nowMs) {
        return inTransaction(() -> {
            Optional<JobState> state = jobState(jobId);
            if (state.isEmpty()) {
                return Optional.<ClaimedTask>empty();
            }
            Optional<String> next = new TaskClaims(conn, memo).next(jobId, createdMs(jobId), state.get().wire(), nowMs);
            if (next.isEmpty()) {
                completeJobIfDone(jobId, nowMs);
                return Optional.<ClaimedTask>empty();
            }
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT t.id, t.task, t.role, t.attempts, t.failures, j.output_dir, j.environment"
                            + " FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE t.job_id = ? AND t.id = ?")) {
                st.setString(1, jobId);
                st.setString(2, next.get());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ClaimedTask>empty();
                    }
                    Optional<Map.Entry<String, Integer>> prep = prep(jobId);
                    ClaimedTask task = new ClaimedTask(jobId, rs.getString(1), JobJson.task(rs.getString(2)),
                            TaskRole.of(rs.getString(3)), rs.getInt(4) + 1, rs.getInt(5), Path.of(rs.getString(6)),
                            JobRows.environment(rs.getString(7)), prep.map(Map.Entry::getKey),
                            prep.map(Map.Entry::getValue).orElse(0));
                    update("UPDATE tasks SET state = 'running', attempts = ?, started_ms = ?, ended_ms = NULL,"
                                    + " pid = NULL, pid_start_ms = NULL WHERE job_id = ? AND id = ?",
                            task.attempt(), nowMs, jobId, task.taskId());
                    return Optional.of(task);
                }
            }
        });
    }

    /** The job preparation task's id and latest attempt, when the job has one. */
    private Optional<Map.Entry<String, Integer>> prep(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT id, attempts FROM tasks WHERE job_id = ? AND role = 'preparation'")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(Map.entry(rs.getString(1), rs.getInt(2))) : Optional.empty();
            }
        }
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
            TaskTransitions.Next next = TaskTransitions.after(TaskState.RUNNING, outcome.kind(), failuresBefore, maxRetries);
            boolean succeeded = next.result().filter(r -> r == TaskResult.SUCCESS).isPresent();
            // a requeued attempt keeps the outcome of the one before; any other end records its own
            String outcomeColumns = outcome.kind() == TaskTransitions.Event.REQUEUED ? ""
                    : " exit_code = ?, failure_code = ?, failure_message = ?, ended_ms = ?,";
            String sql = "UPDATE tasks SET state = ?, result = ?, failures = failures + ?, requeues = requeues + ?,"
                    + outcomeColumns + (outcome.kind() == TaskTransitions.Event.REQUEUED ? " ended_ms = NULL," : "")
                    + " pid = NULL WHERE job_id = ? AND id = ? AND state = 'running' AND attempts = ?";
            List<Object> args = new ArrayList<>(List.of(next.state().wire()));
            args.add(next.result().map(TaskResult::wire).orElse(null));
            args.add(next.addFailures());
            args.add(next.addRequeues());
            if (!outcomeColumns.isEmpty()) {
                args.add(outcome.exitCode().orElse(null));
                args.add(succeeded ? null : outcome.failure().map(TaskFailure::code).orElse(null));
                args.add(succeeded ? null : outcome.failure().map(TaskFailure::message).orElse(null));
                args.add(nowMs);
            }
            args.addAll(List.of(jobId, taskId, attempt));
            int changed = update(sql, args.toArray());
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

    /**
     * Runs reads in one read transaction (BEGIN DEFERRED: a snapshot of the WAL, never waiting for the agent), so
     * what they read together agrees.
     */
    private <T> T readTransaction(SqlWork<T> work) {
        return query(() -> {
            boolean own = conn.getAutoCommit();
            if (own) {
                try (Statement st = conn.createStatement()) {
                    st.execute("BEGIN DEFERRED");
                }
            }
            try {
                return work.run();
            } finally {
                if (own) {
                    try (Statement st = conn.createStatement()) {
                        st.execute("COMMIT");
                    }
                }
            }
        });
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

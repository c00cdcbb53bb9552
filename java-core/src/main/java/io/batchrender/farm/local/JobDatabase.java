package io.batchrender.farm.local;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobSpec;
import io.batchrender.farm.JobState;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskSpec;
import io.batchrender.farm.TaskState;
import io.batchrender.render.TaskCommand;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import org.sqlite.SQLiteConfig;

/**
 * The local farm's jobs and tasks in SQLite (WAL), shared by the CLI, the agent, the gateway and
 * the watcher across processes. Every change of state is committed here before it is acted on.
 */
final class JobDatabase implements AutoCloseable {

    private static final Gson GSON = new Gson();
    private static final java.lang.reflect.Type INT_LIST = new TypeToken<List<Integer>>() { }.getType();

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS jobs (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          state TEXT NOT NULL,
          renderer TEXT NOT NULL,
          scene TEXT,
          output_dir TEXT NOT NULL,
          own_output INTEGER NOT NULL,
          max_retries INTEGER NOT NULL,
          timeout_ms INTEGER NOT NULL,
          created_ms INTEGER NOT NULL,
          ended_ms INTEGER)""",
        "CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, created_ms)",
        """
        CREATE TABLE IF NOT EXISTS tasks (
          job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
          id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          frames TEXT NOT NULL,
          command TEXT NOT NULL,
          state TEXT NOT NULL,
          result TEXT,
          exit_code INTEGER,
          attempts INTEGER NOT NULL DEFAULT 0,
          failures INTEGER NOT NULL DEFAULT 0,
          requeues INTEGER NOT NULL DEFAULT 0,
          failure_code TEXT,
          failure_message TEXT,
          started_ms INTEGER,
          ended_ms INTEGER,
          pid INTEGER,
          pid_start_ms INTEGER,
          PRIMARY KEY (job_id, id))""",
        "CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks(job_id, state, seq)",
        "CREATE INDEX IF NOT EXISTS tasks_running ON tasks(state) WHERE state = 'running'",
        """
        CREATE TABLE IF NOT EXISTS pools (
          id TEXT PRIMARY KEY,
          target_slots INTEGER NOT NULL,
          shrink TEXT NOT NULL DEFAULT 'requeue')""",
    };

    private final Connection conn;

    private JobDatabase(Connection conn) {
        this.conn = conn;
    }

    static JobDatabase open(Path file) {
        io.batchrender.settings.SqliteNativeLibrary.useCopyIn(file.toAbsolutePath().getParent().resolve("lib"));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        try {
            Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            try (Statement st = conn.createStatement()) {
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
                addColumnIfMissing(st, "pools", "shrink", "TEXT NOT NULL DEFAULT 'requeue'");
                addColumnIfMissing(st, "jobs", "environment", "TEXT");
            }
            return new JobDatabase(conn);
        } catch (SQLException e) {
            throw new FarmException("Cannot open the job database " + file + " (" + e.getMessage()
                    + "): check that the folder is writable and the disk is not full.", e);
        }
    }

    /** Brings a database made by an older version up to date, in place. */
    private static void addColumnIfMissing(Statement st, String table, String column, String definition)
            throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (rs.getString("name").equals(column)) {
                    return;
                }
            }
        }
        st.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition);
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
                job.setString(11, spec.environment().isEmpty() ? null : GSON.toJson(spec.environment()));
                job.executeUpdate();
            }
            try (PreparedStatement task = conn.prepareStatement(
                    "INSERT INTO tasks (job_id, id, seq, frames, command, state) VALUES (?,?,?,?,?,?)")) {
                int seq = 0;
                for (TaskSpec t : spec.tasks()) {
                    task.setString(1, jobId);
                    task.setString(2, t.id());
                    task.setInt(3, seq++);
                    task.setString(4, GSON.toJson(t.frames()));
                    task.setString(5, GSON.toJson(t.command()));
                    task.setString(6, TaskState.ACTIVE.wire());
                    task.addBatch();
                }
                task.executeBatch();
            }
            return null;
        });
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
            try (PreparedStatement st = conn.prepareStatement("SELECT * FROM tasks WHERE job_id = ? ORDER BY seq")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tasks.add(readTask(rs));
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
                            + " ended_ms = ? WHERE job_id = ? AND state = 'active'",
                    TaskFailure.CANCELLED, "The job was cancelled before this task started.", nowMs, jobId);
            completeJobIfDone(jobId, nowMs);
            return true;
        });
    }

    /** Running tasks of a job (the agent's, or a dead agent's). */
    synchronized List<RunningTaskRow> runningTasks(Optional<String> jobId) {
        return query(() -> {
            List<RunningTaskRow> rows = new ArrayList<>();
            String sql = "SELECT job_id, id, attempts, pid, pid_start_ms FROM tasks WHERE state = 'running'"
                    + (jobId.isPresent() ? " AND job_id = ?" : "");
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
        return query(() -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT j.id FROM jobs j WHERE j.state = 'active' AND EXISTS"
                            + " (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'active')"
                            + " ORDER BY j.created_ms, j.id")) {
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
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
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT t.id, t.frames, t.command, t.attempts, t.failures, j.max_retries, j.timeout_ms,"
                            + " j.output_dir, j.environment FROM tasks t JOIN jobs j ON j.id = t.job_id"
                            + " WHERE t.job_id = ? AND t.state = 'active' AND j.state = 'active'"
                            + " ORDER BY t.seq LIMIT 1")) {
                st.setString(1, jobId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ClaimedTask>empty();
                    }
                    ClaimedTask task = new ClaimedTask(jobId, rs.getString(1),
                            GSON.fromJson(rs.getString(2), INT_LIST),
                            GSON.fromJson(rs.getString(3), TaskCommand.class),
                            rs.getInt(4) + 1, rs.getInt(5), rs.getInt(6), rs.getLong(7), Path.of(rs.getString(8)),
                            environment(rs.getString(9)));
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
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing: nothing left to save
        }
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
                            optionalLong(rs, "ended_ms").map(Instant::ofEpochMilli),
                            counts.getOrDefault(id, new TaskCounts(0, 0, 0, 0))));
                }
            }
        }
        return jobs;
    }

    private Map<String, TaskCounts> taskCounts(String jobId) throws SQLException {
        String sql = "SELECT job_id, state, result, COUNT(*) FROM tasks"
                + (jobId != null ? " WHERE job_id = ?" : "") + " GROUP BY job_id, state, result";
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

    private static TaskInfo readTask(ResultSet rs) throws SQLException {
        Optional<String> code = Optional.ofNullable(rs.getString("failure_code"));
        int failures = rs.getInt("failures");
        TaskState state = TaskState.fromWire(rs.getString("state"));
        Optional<TaskResult> result = Optional.ofNullable(rs.getString("result")).map(TaskResult::fromWire);
        int retries = result.filter(r -> r == TaskResult.FAILURE).isPresent() ? Math.max(0, failures - 1) : failures;
        return new TaskInfo(rs.getString("id"), GSON.fromJson(rs.getString("frames"), INT_LIST), state, result,
                optionalLong(rs, "exit_code").map(Long::intValue), rs.getInt("attempts"), retries, rs.getInt("requeues"),
                optionalLong(rs, "started_ms").map(Instant::ofEpochMilli),
                optionalLong(rs, "ended_ms").map(Instant::ofEpochMilli),
                code.map(c -> new TaskFailure(c, rsString(rs, "failure_message"))));
    }

    private static String rsString(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new FarmException("Cannot read the job database: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> environment(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> env = GSON.fromJson(json, STRING_MAP);
        return env == null ? Map.of() : env;
    }

    private static final java.lang.reflect.Type STRING_MAP = new TypeToken<Map<String, String>>() { }.getType();

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
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

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs work in one write transaction (BEGIN IMMEDIATE); nested calls join the outer one. */
    private <T> T inTransaction(SqlWork<T> work) {
        if (depth > 0) {
            return runNested(work);
        }
        depth++;
        try {
            conn.setAutoCommit(false);
            T result = work.run();
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the original error says more
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new FarmException("The job database failed (" + e.getMessage() + "): try again; if it persists, "
                    + "check the disk under the state folder.", e);
        } finally {
            depth--;
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the next call reports it
            }
        }
    }

    private <T> T runNested(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new FarmException("The job database failed: " + e.getMessage(), e);
        }
    }

    /** Runs reads outside a write transaction, so readers never wait for the agent or block it. */
    private <T> T query(SqlWork<T> work) {
        return runNested(work);
    }

    private int depth;
}

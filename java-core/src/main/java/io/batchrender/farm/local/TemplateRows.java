package io.batchrender.farm.local;

import com.google.gson.Gson;
import io.batchrender.render.CommandLineSplitter;
import io.batchrender.render.Program;
import io.batchrender.render.TaskCommand;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job database's rows for template jobs: storing them, and choosing the next task to start
 * (job preparation first, then tasks whose dependencies succeeded, the job release task last),
 * failing at once the tasks whose dependency or job preparation failed for good. Called by
 * {@link JobDatabase} inside its transactions.
 */
final class TemplateRows {

    static final String KIND = "template";
    static final String ROLE_PREP = "preparation";
    static final String ROLE_RELEASE = "release";
    private static final Gson GSON = new Gson();

    private final Connection conn;

    TemplateRows(Connection conn) {
        this.conn = conn;
    }

    void insert(String jobId, TemplatePlan plan, Map<String, String> env, Path outputDir, long nowMs) throws SQLException {
        try (PreparedStatement job = conn.prepareStatement(
                "INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, max_retries, timeout_ms,"
                        + " created_ms, environment, kind, priority, deadline_ms) VALUES (?,?,'active','template',NULL,?,1,0,0,?,?,?,?,?)")) {
            job.setString(1, jobId);
            job.setString(2, plan.name());
            job.setString(3, outputDir.toString());
            job.setLong(4, nowMs);
            job.setString(5, env.isEmpty() ? null : GSON.toJson(env));
            job.setString(6, KIND);
            job.setInt(7, plan.priority());
            if (plan.deadlineMs() > 0) {
                job.setLong(8, nowMs + plan.deadlineMs());
            } else {
                job.setNull(8, java.sql.Types.INTEGER);
            }
            job.executeUpdate();
        }
        try (PreparedStatement task = conn.prepareStatement(
                "INSERT INTO tasks (job_id, id, seq, frames, command, state, template, role) VALUES (?,?,?,'[]',?,'active',?,?)")) {
            int seq = 0;
            for (TemplatePlan.PlannedTask t : plan.tasks()) {
                List<String> argv = CommandLineSplitter.split(t.spec().commandLine());
                task.setString(1, jobId);
                task.setString(2, t.id());
                task.setInt(3, seq++);
                task.setString(4, GSON.toJson(new TaskCommand(Program.named(argv.get(0)), argv.subList(1, argv.size()), 0)));
                task.setString(5, GSON.toJson(t.spec()));
                task.setString(6, switch (t.spec().role()) {
                    case PREPARATION -> ROLE_PREP;
                    case RELEASE -> ROLE_RELEASE;
                    case TASK -> null;
                });
                task.addBatch();
            }
            task.executeBatch();
        }
    }

    /** The job preparation task's id and latest attempt, when the job has one. */
    Optional<Map.Entry<String, Integer>> prep(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT id, attempts FROM tasks WHERE job_id = ? AND role = 'preparation'")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(Map.entry(rs.getString(1), rs.getInt(2))) : Optional.empty();
            }
        }
    }

    static Optional<TemplateTask> spec(String json) {
        return json == null ? Optional.empty() : Optional.of(GSON.fromJson(json, TemplateTask.class));
    }

    /** Completes a task that never started (its dependency failed) or need not run (a release with nothing to clean). */
    void complete(String jobId, String taskId, String result, String code, String message, long nowMs)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE tasks SET state = 'completed', result = ?,"
                + " failure_code = ?, failure_message = ?, ended_ms = ? WHERE job_id = ? AND id = ? AND state = 'active'")) {
            st.setString(1, result);
            st.setString(2, code);
            st.setString(3, code == null ? null : message);
            st.setLong(4, nowMs);
            st.setString(5, jobId);
            st.setString(6, taskId);
            st.executeUpdate();
        }
    }

    /** Ids of jobs whose maxWallClockTime has passed while they still run. */
    List<String> expired(long nowMs) throws SQLException {
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
    }
}

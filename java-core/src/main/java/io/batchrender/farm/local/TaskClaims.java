package io.batchrender.farm.local;

import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.farm.TaskTransitions;
import io.batchrender.job.JobJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the next task of a job that may start: the job preparation task first, then
 * tasks in submission order whose job preparation and dependencies succeeded, the job release task
 * once every other task is done. Tasks whose dependency (or job preparation) failed for good are
 * failed on the way, naming it, so a job always completes.
 *
 * <p>Costs stay flat on big jobs: waiting tasks are read a page at a time in submission order (a
 * plain sweep stops at its first row), and since success is final, how far a task's dependencies
 * are known to have succeeded is remembered between calls ({@link Memo}), so a merge task over
 * thousands of tasks does not read them all again at every claim.
 */
final class TaskClaims {

    /** The first page is small: in a plain sweep its first row is the one. */
    private static final int FIRST_PAGE = 4;
    private static final int PAGE = 64;

    /** What the agent's database remembers between claims; success of a task never changes. */
    static final class Memo {
        private final Map<String, List<String>> deps = new HashMap<>();
        private final Map<String, Integer> depsSucceeded = new HashMap<>();

        private void forget(String key) {
            deps.remove(key);
            depsSucceeded.remove(key);
        }
    }

    private record Waiting(long seq, String id, String role, String json) {
    }

    /** The job preparation task's row: its id, state, result and whether tasks wait for its success. */
    private record Prep(String id, String state, String result, boolean waitForSuccess) {
    }

    private final Connection conn;
    private final Memo memo;

    TaskClaims(Connection conn, Memo memo) {
        this.conn = conn;
        this.memo = memo;
    }

    /**
     * The id of the next task that may start (not yet marked running); empty when none may now.
     *
     * @param createdMs when the job was submitted: with its id, it keys what is remembered, so a job
     *                  deleted and submitted again under the same id starts afresh
     */
    Optional<String> next(String jobId, long createdMs, String jobState, long nowMs) throws SQLException {
        Optional<Prep> prep = prep(jobId);
        boolean changed = true;
        while (changed) {
            changed = false;
            long after = -1;
            List<Waiting> page;
            while (!(page = waiting(jobId, after)).isEmpty()) {
                for (Waiting w : page) {
                    after = w.seq;
                    String key = jobId + "@" + createdMs + "/" + w.id;
                    if (TaskRole.RELEASE.column.equals(w.role)) {
                        if (!othersDone(jobId)) {
                            continue;
                        }
                        if (!anythingRan(jobId)) {
                            // Batch runs the release task only where something of the job ran
                            complete(jobId, w.id, TaskTransitions.Event.SKIPPED, null, null, nowMs);
                            changed = true;
                            continue;
                        }
                        return Optional.of(w.id);
                    }
                    if (!jobState.equals("active")) {
                        continue;
                    }
                    if (TaskRole.PREPARATION.column.equals(w.role)) {
                        return Optional.of(w.id);
                    }
                    List<String> deps = memo.deps.computeIfAbsent(key, k -> JobJson.task(w.json).dependsOn().expanded());
                    Verdict v = verdict(jobId, key, deps, prep);
                    if (v.failure != null) {
                        complete(jobId, w.id, TaskTransitions.Event.NEVER_STARTED, v.failure, v.message, nowMs);
                        memo.forget(key);
                        changed = true;
                    } else if (v.ready) {
                        memo.forget(key);
                        return Optional.of(w.id);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private record Verdict(boolean ready, String failure, String message) {
    }

    private Verdict verdict(String jobId, String key, List<String> deps, Optional<Prep> prep) throws SQLException {
        if (prep.isPresent() && prep.get().waitForSuccess()) {
            Prep p = prep.get();
            if (p.state().equals("completed") && !"success".equals(p.result())) {
                return new Verdict(false, TaskFailure.JOB_PREPARATION_FAILED, "The job preparation task " + p.id()
                        + " failed, so this task never started: see 'batchrender job logs " + jobId + " " + p.id() + "'.");
            }
            if (!p.state().equals("completed")) {
                return new Verdict(false, null, null);
            }
        }
        int i = memo.depsSucceeded.getOrDefault(key, 0);
        for (; i < deps.size(); i++) {
            String[] d = state(jobId, deps.get(i));
            if (d[0].equals("completed") && !"success".equals(d[1])) {
                return new Verdict(false, TaskFailure.DEPENDENCY_FAILED, "Task " + deps.get(i) + ", which this task"
                        + " depends on, failed, so this task never started: see 'batchrender job show " + jobId + "'.");
            }
            if (!d[0].equals("completed")) {
                break;
            }
        }
        memo.depsSucceeded.put(key, i);
        return new Verdict(i == deps.size(), null, null);
    }

    private List<Waiting> waiting(String jobId, long afterSeq) throws SQLException {
        List<Waiting> page = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("SELECT seq, id, role, task FROM tasks"
                + " WHERE job_id = ? AND state = 'active' AND seq > ? ORDER BY seq LIMIT " + (afterSeq < 0 ? FIRST_PAGE : PAGE))) {
            st.setString(1, jobId);
            st.setLong(2, afterSeq);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    page.add(new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return page;
    }

    /** {state, result} of a task. */
    private String[] state(String jobId, String taskId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT state, result FROM tasks WHERE job_id = ? AND id = ?")) {
            st.setString(1, jobId);
            st.setString(2, taskId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[] {"completed", "failure"};
            }
        }
    }

    private Optional<Prep> prep(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT id, state, result, task FROM tasks WHERE job_id = ? AND role = 'preparation'")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Prep(rs.getString(1), rs.getString(2), rs.getString(3),
                        JobJson.task(rs.getString(4)).waitForSuccess())) : Optional.empty();
            }
        }
    }

    /** Completes a task that never started (its dependency failed) or need not run (a release with nothing to clean). */
    private void complete(String jobId, String taskId, TaskTransitions.Event event, String code, String message,
                          long nowMs) throws SQLException {
        TaskTransitions.Next next = TaskTransitions.after(TaskState.ACTIVE, event, 0, 0);
        try (PreparedStatement st = conn.prepareStatement("UPDATE tasks SET state = ?, result = ?,"
                + " failure_code = ?, failure_message = ?, ended_ms = ? WHERE job_id = ? AND id = ? AND state = 'active'")) {
            st.setString(1, next.state().wire());
            st.setString(2, next.result().map(TaskResult::wire).orElse(null));
            st.setString(3, code);
            st.setString(4, code == null ? null : message);
            st.setLong(5, nowMs);
            st.setString(6, jobId);
            st.setString(7, taskId);
            st.executeUpdate();
        }
    }

    private boolean othersDone(String jobId) throws SQLException {
        return !exists("SELECT 1 FROM tasks WHERE job_id = ? AND state != 'completed'"
                + " AND (role IS NULL OR role != 'release') LIMIT 1", jobId);
    }

    private boolean anythingRan(String jobId) throws SQLException {
        return exists("SELECT 1 FROM tasks WHERE job_id = ? AND attempts > 0"
                + " AND (role IS NULL OR role != 'release') LIMIT 1", jobId);
    }

    private boolean exists(String sql, String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}

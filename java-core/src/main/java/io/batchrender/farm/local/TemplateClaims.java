package io.batchrender.farm.local;

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
 * Chooses the next task of a template job that may start: the job preparation task first, then
 * tasks in submission order whose job preparation and dependencies succeeded, the job release task
 * once every other task is done. Tasks whose dependency (or job preparation) failed for good are
 * failed on the way, naming it, so a job always completes.
 *
 * <p>Costs stay flat on big jobs: waiting tasks are read a page at a time in submission order (a
 * plain sweep stops at its first row), and since success is final, how far a task's dependencies
 * are known to have succeeded is remembered between calls ({@link Memo}), so a merge task over
 * thousands of tasks does not read them all again at every claim.
 */
final class TemplateClaims {

    /** The first page is small: in a plain sweep its first row is the one. */
    private static final int FIRST_PAGE = 4;
    private static final int PAGE = 64;

    /** What the agent's database remembers between claims; success of a task never changes. */
    static final class Memo {
        private final Map<String, TemplateTask> specs = new HashMap<>();
        private final Map<String, Integer> depsSucceeded = new HashMap<>();

        private void forget(String key) {
            specs.remove(key);
            depsSucceeded.remove(key);
        }
    }

    private record Waiting(long seq, String id, String role, String json) {
    }

    private final Connection conn;
    private final Memo memo;
    private final TemplateRows rows;

    TemplateClaims(Connection conn, Memo memo) {
        this.conn = conn;
        this.memo = memo;
        this.rows = new TemplateRows(conn);
    }

    /** The id of the next task that may start (not yet marked running); empty when none may now. */
    /**
     * @param createdMs when the job was submitted: with its id, it keys what is remembered, so a job
     *                  deleted and submitted again under the same id starts afresh
     */
    Optional<String> next(String jobId, long createdMs, String jobState, long nowMs) throws SQLException {
        boolean changed = true;
        while (changed) {
            changed = false;
            long after = -1;
            List<Waiting> page;
            while (!(page = waiting(jobId, after)).isEmpty()) {
                for (Waiting w : page) {
                    after = w.seq;
                    String key = jobId + "@" + createdMs + "/" + w.id;
                    if (TemplateRows.ROLE_RELEASE.equals(w.role)) {
                        if (!othersDone(jobId)) {
                            continue;
                        }
                        if (!anythingRan(jobId)) {
                            // Batch runs the release task only where something of the job ran
                            rows.complete(jobId, w.id, "success", null, null, nowMs);
                            changed = true;
                            continue;
                        }
                        return Optional.of(w.id);
                    }
                    if (!jobState.equals("active")) {
                        continue;
                    }
                    if (TemplateRows.ROLE_PREP.equals(w.role)) {
                        return Optional.of(w.id);
                    }
                    TemplateTask spec = memo.specs.computeIfAbsent(key, k -> TemplateRows.spec(w.json).orElseThrow());
                    Verdict v = verdict(jobId, key, spec);
                    if (v.failure != null) {
                        rows.complete(jobId, w.id, "failure", v.failure, v.message, nowMs);
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

    private Verdict verdict(String jobId, String key, TemplateTask spec) throws SQLException {
        if (spec.waitForPrep()) {
            Optional<String[]> prep = prepState(jobId);
            if (prep.isPresent()) {
                String[] p = prep.get();
                if (p[1].equals("completed") && !"success".equals(p[2])) {
                    return new Verdict(false, TemplateFailures.JOB_PREPARATION_FAILED, "The job preparation task " + p[0]
                            + " failed, so this task never started: see 'batchrender job logs " + jobId + " " + p[0] + "'.");
                }
                if (!p[1].equals("completed")) {
                    return new Verdict(false, null, null);
                }
            }
        }
        List<String> deps = spec.dependsOn();
        int i = memo.depsSucceeded.getOrDefault(key, 0);
        for (; i < deps.size(); i++) {
            String[] d = state(jobId, deps.get(i));
            if (d[0].equals("completed") && !"success".equals(d[1])) {
                return new Verdict(false, TemplateFailures.DEPENDENCY_FAILED, "Task " + deps.get(i) + ", which this task"
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
        try (PreparedStatement st = conn.prepareStatement("SELECT seq, id, role, template FROM tasks"
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

    /** {id, state, result} of the job preparation task, when the job has one. */
    private Optional<String[]> prepState(String jobId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT id, state, result FROM tasks WHERE job_id = ? AND role = 'preparation'")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                        : Optional.empty();
            }
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

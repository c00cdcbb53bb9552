package io.batchrender.farm.local;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Values of the job database's rows: a task row as the farm reports it, and the JSON and nullable columns. */
final class JobRows {

    static final Gson GSON = new Gson();
    static final java.lang.reflect.Type INT_LIST = new TypeToken<List<Integer>>() { }.getType();
    private static final java.lang.reflect.Type STRING_MAP = new TypeToken<Map<String, String>>() { }.getType();

    private JobRows() {
    }

    /** A task row as the farm reports it (retries: the failures that were tried again). */
    static TaskInfo readTask(ResultSet rs) throws SQLException {
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

    /** A text column, read where SQLException cannot be thrown (in a lambda). */
    static String rsString(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new FarmException("Cannot read the job database: " + e.getMessage(), e);
        }
    }

    /** The environment column: JSON, or null for none. */
    static Map<String, String> environment(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> env = GSON.fromJson(json, STRING_MAP);
        return env == null ? Map.of() : env;
    }

    /** A nullable integer column. */
    static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}

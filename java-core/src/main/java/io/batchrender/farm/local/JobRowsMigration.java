package io.batchrender.farm.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.job.BatchFields;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.DependsOn;
import io.batchrender.job.JobJson;
import io.batchrender.job.OutputFile;
import io.batchrender.job.ResourceFile;
import io.batchrender.job.Task;
import io.batchrender.render.TaskCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migration 3 of the job database: the two row formats of the versions before the job model become
 * one, in place, whatever state their jobs are in. A scene task ({@code tasks.command}, a
 * {@code TaskCommand}, with {@code tasks.frames} and the job's {@code max_retries} and
 * {@code timeout_ms}) becomes {@link SceneTasks#of}; a template task ({@code tasks.template}, the old
 * {@code TemplateTask} with its role) becomes the Batch task it was read from. Every task keeps its
 * state, attempts and outcome; a task left running by an agent of the older version is found running
 * by the next agent and put back in the queue, as any task of a dead agent is.
 */
final class JobRowsMigration {

    private JobRowsMigration() {
    }

    /** Runs inside the migrations' write transaction. */
    static void run(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("ALTER TABLE tasks ADD COLUMN task TEXT");
            List<String[]> rows = convertedRows(conn);
            try (PreparedStatement write = conn.prepareStatement("UPDATE tasks SET task = ? WHERE job_id = ? AND id = ?")) {
                int n = 0;
                for (String[] r : rows) {
                    write.setString(1, r[2]);
                    write.setString(2, r[0]);
                    write.setString(3, r[1]);
                    write.addBatch();
                    if (++n % 1000 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
            // what every task now carries in its own JSON
            for (String column : List.of("tasks.command", "tasks.template", "jobs.max_retries", "jobs.timeout_ms", "jobs.kind")) {
                String[] tc = column.split("\\.");
                st.execute("ALTER TABLE " + tc[0] + " DROP COLUMN " + tc[1]);
            }
        } catch (RuntimeException e) {
            throw new SQLException("a task row could not be converted: " + e.getMessage(), e);
        }
    }

    /** {job id, task id, the task's JSON} of every row. */
    private static List<String[]> convertedRows(Connection conn) throws SQLException {
        Map<String, Boolean> prepWaits = prepWaits(conn);
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement read = conn.prepareStatement("SELECT t.job_id, t.id, t.frames, t.command, t.template, t.role,"
                + " j.max_retries, j.timeout_ms FROM tasks t JOIN jobs j ON j.id = t.job_id");
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                String template = rs.getString("template");
                Task task = template != null
                        ? fromTemplate(rs.getString("id"), JsonParser.parseString(template).getAsJsonObject(),
                                "preparation".equals(rs.getString("role")) && prepWaits.getOrDefault(rs.getString("job_id"), true))
                        : SceneTasks.of(rs.getString("id"), JobRows.GSON.fromJson(rs.getString("frames"), JobRows.INT_LIST),
                                JobRows.GSON.fromJson(rs.getString("command"), TaskCommand.class), rs.getInt("max_retries"),
                                Optional.of(rs.getLong("timeout_ms")).filter(ms -> ms > 0).map(Duration::ofMillis));
                out.add(new String[] {rs.getString("job_id"), rs.getString("id"), JobJson.toJson(task).toString()});
            }
        }
        return out;
    }

    /**
     * Whether each job's preparation task made the tasks wait: the older rows kept it on every task
     * ({@code waitForPrep}), not on the preparation task.
     */
    private static Map<String, Boolean> prepWaits(Connection conn) throws SQLException {
        Map<String, Boolean> waits = new LinkedHashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT job_id, template FROM tasks WHERE role IS NULL AND template IS NOT NULL"
                     + " AND job_id IN (SELECT job_id FROM tasks WHERE role = 'preparation') GROUP BY job_id")) {
            while (rs.next()) {
                JsonElement w = JsonParser.parseString(rs.getString(2)).getAsJsonObject().get("waitForPrep");
                waits.put(rs.getString(1), w == null || w.getAsBoolean());
            }
        }
        return waits;
    }

    /**
     * An older template row: {@code TemplateTask}'s fields as Gson wrote them (role, commandLine,
     * environment, resourceFiles, outputFiles, dependsOn as ids, maxRetries with -1 stored as the
     * largest int, timeoutMs with 0 for none, waitForPrep).
     */
    static Task fromTemplate(String id, JsonObject old, boolean waitForSuccess) {
        Map<String, String> env = new LinkedHashMap<>();
        old.getAsJsonObject("environment").entrySet().forEach(e -> env.put(e.getKey(), e.getValue().getAsString()));
        List<ResourceFile> resources = new ArrayList<>();
        for (JsonElement e : array(old, "resourceFiles")) {
            JsonObject r = e.getAsJsonObject();
            resources.add(new ResourceFile(text(r, "container"), text(r, "containerUrl"), text(r, "httpUrl"),
                    text(r, "httpUrl").isPresent() ? Optional.empty() : text(r, "blobPrefix"), text(r, "filePath"),
                    text(r, "fileMode"), Optional.empty()));
        }
        List<OutputFile> outputs = new ArrayList<>();
        for (JsonElement e : array(old, "outputFiles")) {
            JsonObject o = e.getAsJsonObject();
            String path = text(o, "path").orElse("");
            OutputFile.Destination dest = text(o, "container").isPresent()
                    ? OutputFile.Destination.container(o.get("container").getAsString(), path)
                    : OutputFile.Destination.url(o.get("containerUrl").getAsString(), path);
            outputs.add(new OutputFile(o.get("filePattern").getAsString(), dest,
                    text(o, "uploadCondition").flatMap(OutputFile.UploadCondition::parse).orElse(null)));
        }
        List<String> deps = new ArrayList<>();
        array(old, "dependsOn").forEach(d -> deps.add(d.getAsString()));
        int retries = old.get("maxRetries").getAsInt();
        long timeoutMs = old.get("timeoutMs").getAsLong();
        return new Task(id, "", new Command.Line(old.get("commandLine").getAsString()), env, resources, outputs,
                new DependsOn(deps, List.of()),
                Constraints.of(retries == Integer.MAX_VALUE ? -1 : retries,
                        timeoutMs > 0 ? Optional.of(Duration.ofMillis(timeoutMs)) : Optional.empty()),
                List.of(), 0, waitForSuccess, BatchFields.NONE);
    }

    private static JsonArray array(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static Optional<String> text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString()).filter(s -> !s.isEmpty());
    }
}

package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobState;
import io.batchrender.farm.ShrinkPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State folders from before numbered migrations open and are brought up to date in place. The
 * fixture is what the code before migrations ran (JobDatabaseSchema at f6caa28): its DDL, then
 * each column it added when missing.
 */
class JobDatabaseMigrationTest {

    /** JobDatabaseSchema.SCHEMA before numbered migrations, as it was. */
    static final List<String> OLD_SCHEMA = List.of(
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
              shrink TEXT NOT NULL DEFAULT 'requeue')""");

    /** The columns the code before migrations added when missing, in its order. */
    static final List<String> OLD_ADDED_COLUMNS = List.of(
            "ALTER TABLE pools ADD COLUMN shrink TEXT NOT NULL DEFAULT 'requeue'",
            "ALTER TABLE jobs ADD COLUMN environment TEXT",
            "ALTER TABLE jobs ADD COLUMN kind TEXT",
            "ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE jobs ADD COLUMN deadline_ms INTEGER",
            "ALTER TABLE tasks ADD COLUMN template TEXT",
            "ALTER TABLE tasks ADD COLUMN role TEXT",
            "CREATE INDEX IF NOT EXISTS tasks_by_role ON tasks(job_id, role)");

    /** A scene job's task as the code before wrote it (TaskCommand's JSON). */
    static final String OLD_COMMAND = "{\"program\":{\"name\":\"blender\"},\"args\":[\"-b\",\"shot.blend\"],\"minOutputFiles\":1}";

    @TempDir
    Path tmp;

    @Test
    void aStateFolderWithEveryColumnOfTheLastVersionIsMigratedKeepingItsJobs() throws Exception {
        Path file = tmp.resolve("farm.db");
        oldDatabase(file, OLD_ADDED_COLUMNS.size());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, max_retries, timeout_ms,"
                    + " created_ms, environment, priority) VALUES ('shot010', 'shot010', 'active', 'blender', '/p/shot.blend',"
                    + " '/p/out', 1, 2, 0, 1000, '{\"OCIO\":\"/p/ocio\"}', 0)");
            st.execute("INSERT INTO tasks (job_id, id, seq, frames, command, state) VALUES ('shot010', '1', 0, '[1,2]', '"
                    + OLD_COMMAND + "', 'active')");
            st.execute("INSERT INTO pools (id, target_slots, shrink) VALUES ('local', 2, 'taskcompletion')");
        }

        try (JobDatabase db = JobDatabase.open(file)) {
            assertEquals(JobState.ACTIVE, db.job("shot010").orElseThrow().state());
            assertEquals(List.of(1, 2), db.tasks("shot010").get(0).frames());
            assertEquals(2, db.targetSlots("local", 8));
            assertEquals(ShrinkPolicy.TASKCOMPLETION, db.shrinkPolicy("local"));
            assertEquals("1", db.claimNext("shot010", 2000).orElseThrow().taskId());
        }
        assertEquals(JobDatabaseSchema.MIGRATIONS.version(), userVersion(file));
        assertEquals(columns(fresh()), columns(file), "a migrated database has the tables a new one has");
    }

    @Test
    void aStateFolderFromBeforeAnyAddedColumnGetsThemAll() throws Exception {
        Path file = tmp.resolve("farm.db");
        oldDatabase(file, 0);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE pools RENAME TO pools_with_shrink");
            st.execute("CREATE TABLE pools (id TEXT PRIMARY KEY, target_slots INTEGER NOT NULL)");
            st.execute("DROP TABLE pools_with_shrink");
            st.execute("INSERT INTO pools VALUES ('local', 3)");
            st.execute("INSERT INTO jobs VALUES ('old', 'old', 'completed', 'blender', NULL, '/p/out', 1, 0, 0, 5, 9)");
        }

        try (JobDatabase db = JobDatabase.open(file)) {
            assertEquals(3, db.targetSlots("local", 8));
            assertEquals(ShrinkPolicy.REQUEUE, db.shrinkPolicy("local"), "the column's default");
            assertEquals(JobState.COMPLETED, db.job("old").orElseThrow().state());
        }
        assertEquals(columns(fresh()), columns(file));
    }

    @Test
    void aStateFolderHalfwayThroughTheAddedColumnsGetsTheRest() throws Exception {
        for (int added = 1; added < OLD_ADDED_COLUMNS.size(); added++) {
            Path file = tmp.resolve("farm-" + added + ".db");
            oldDatabase(file, added);
            try (JobDatabase db = JobDatabase.open(file)) {
                assertEquals(List.of(), db.activeJobsWithWork());
            }
            assertEquals(columns(fresh()), columns(file), "after " + added + " added columns");
            assertEquals(JobDatabaseSchema.MIGRATIONS.version(), userVersion(file));
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedUntouched() throws Exception {
        Path file = fresh();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        FarmException e = assertThrows(FarmException.class, () -> JobDatabase.open(file));
        assertTrue(e.getMessage().contains("made by a newer batchrender (schema 99"), e.getMessage());
        assertEquals(99, userVersion(file));
    }

    private Path fresh() {
        Path file = tmp.resolve("fresh-" + System.nanoTime() + ".db");
        JobDatabase.open(file).close();
        return file;
    }

    /** What the code before migrations left: its DDL, then the first {@code added} of its added columns. */
    private static void oldDatabase(Path file, int added) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String ddl : OLD_SCHEMA) {
                st.execute(ddl);
            }
            for (String column : OLD_ADDED_COLUMNS.subList(1, Math.max(1, added))) {
                st.execute(column);
            }
        }
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    /** Every table's columns with their type, NOT NULL and default, and every index: the schema as SQLite sees it. */
    private static Map<String, String> columns(Path file) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String table : List.of("jobs", "tasks", "pools")) {
                try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (rs.next()) {
                        out.put(table + "." + rs.getString("name"), rs.getString("type") + " notnull=" + rs.getInt("notnull")
                                + " default=" + rs.getString("dflt_value") + " pk=" + rs.getInt("pk"));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
                while (rs.next()) {
                    out.put("index " + rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}

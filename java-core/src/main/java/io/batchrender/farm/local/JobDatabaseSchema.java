package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The tables of the local farm's job database, and opening it: created when new, brought up to date
 * in place when older, by numbered migrations counted in {@code PRAGMA user_version}:
 * <ol>
 *   <li>the tables as every version before the job model wrote them (scene rows with a command and
 *       frames, template rows with their own JSON and role), columns added to files older still;</li>
 *   <li>one row format: every task's {@code job.Task} as JSON ({@link JobRowsMigration}).</li>
 * </ol>
 */
final class JobDatabaseSchema {

    static final int VERSION = 2;

    private JobDatabaseSchema() {
    }

    static final String JOBS = """
        CREATE TABLE IF NOT EXISTS jobs (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          state TEXT NOT NULL,
          renderer TEXT NOT NULL,
          scene TEXT,
          output_dir TEXT NOT NULL,
          own_output INTEGER NOT NULL,
          created_ms INTEGER NOT NULL,
          ended_ms INTEGER,
          environment TEXT,
          priority INTEGER NOT NULL DEFAULT 0,
          deadline_ms INTEGER)""";

    static final String TASKS = """
        CREATE TABLE IF NOT EXISTS tasks (
          job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
          id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          role TEXT,
          frames TEXT NOT NULL,
          task TEXT NOT NULL,
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
          PRIMARY KEY (job_id, id))""";

    static final String[] INDEXES = {
        "CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, created_ms)",
        "CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks(job_id, state, seq)",
        "CREATE INDEX IF NOT EXISTS tasks_running ON tasks(state) WHERE state = 'running'",
        "CREATE INDEX IF NOT EXISTS tasks_by_role ON tasks(job_id, role)",
    };

    private static final String POOLS = """
        CREATE TABLE IF NOT EXISTS pools (
          id TEXT PRIMARY KEY,
          target_slots INTEGER NOT NULL,
          shrink TEXT NOT NULL DEFAULT 'requeue')""";

    /** Opens (creating or bringing up to date) the database in {@code file}: WAL, foreign keys, a 15 s busy wait. */
    static Connection open(Path file) {
        io.batchrender.settings.SqliteNativeLibrary.useCopyIn(file.toAbsolutePath().getParent().resolve("lib"));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        Connection conn = null;
        try {
            conn = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            migrate(conn);
            return conn;
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new FarmException("Cannot open the job database " + file + " (" + e.getMessage()
                    + "): check that the folder is writable and the disk is not full.", e);
        }
    }

    private static void migrate(Connection conn) throws SQLException {
        int version = userVersion(conn);
        if (version >= VERSION) {
            return;
        }
        try (Statement st = conn.createStatement()) {
            if (version == 0 && !tableExists(st, "jobs")) {
                // a new file (or one that only ever held the pool): today's tables at once
                st.execute(POOLS);
                addColumnIfMissing(st, "pools", "shrink", "TEXT NOT NULL DEFAULT 'requeue'");
                st.execute(JOBS);
                st.execute(TASKS);
                for (String ddl : INDEXES) {
                    st.execute(ddl);
                }
                st.execute("PRAGMA user_version = " + VERSION);
                return;
            }
            if (version < 1) {
                // 1: the columns older files lack (each version before the job model added some in place)
                st.execute(POOLS);
                addColumnIfMissing(st, "pools", "shrink", "TEXT NOT NULL DEFAULT 'requeue'");
                addColumnIfMissing(st, "jobs", "environment", "TEXT");
                addColumnIfMissing(st, "jobs", "kind", "TEXT");
                addColumnIfMissing(st, "jobs", "priority", "INTEGER NOT NULL DEFAULT 0");
                addColumnIfMissing(st, "jobs", "deadline_ms", "INTEGER");
                addColumnIfMissing(st, "tasks", "template", "TEXT");
                addColumnIfMissing(st, "tasks", "role", "TEXT");
                st.execute("PRAGMA user_version = 1");
            }
        }
        // 2: one row format
        JobRowsMigration.run(conn);
    }

    private static int userVersion(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean tableExists(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next();
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // the error that brought us here says more
            }
        }
    }

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
}

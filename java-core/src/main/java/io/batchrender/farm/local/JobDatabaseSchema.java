package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** The tables of the local farm's job database, and opening it: created when new, brought up to date when older. */
final class JobDatabaseSchema {

    private JobDatabaseSchema() {
    }

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
            try (Statement st = conn.createStatement()) {
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
                addColumnIfMissing(st, "pools", "shrink", "TEXT NOT NULL DEFAULT 'requeue'");
                addColumnIfMissing(st, "jobs", "environment", "TEXT");
                // template jobs (ExpandedJob): the Batch task as stored, and the job preparation/release rows
                addColumnIfMissing(st, "jobs", "kind", "TEXT");
                addColumnIfMissing(st, "jobs", "priority", "INTEGER NOT NULL DEFAULT 0");
                addColumnIfMissing(st, "jobs", "deadline_ms", "INTEGER");
                addColumnIfMissing(st, "tasks", "template", "TEXT");
                addColumnIfMissing(st, "tasks", "role", "TEXT");
                st.execute("CREATE INDEX IF NOT EXISTS tasks_by_role ON tasks(job_id, role)");
            }
            return conn;
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new FarmException("Cannot open the job database " + file + " (" + e.getMessage()
                    + "): check that the folder is writable and the disk is not full.", e);
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
}

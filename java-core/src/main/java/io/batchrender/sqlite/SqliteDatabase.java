package io.batchrender.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file opened the way every database of this program is: WAL (readers never wait for
 * the writer), synchronous NORMAL (a power cut may lose the last commits, never corrupt the file),
 * a 15 s wait when another process writes, foreign keys on, and write transactions that take the
 * write lock when they begin (BEGIN IMMEDIATE), so two processes never deadlock upgrading a read.
 * Opening brings the schema up to date with its {@link Migrations}.
 */
public final class SqliteDatabase implements AutoCloseable {

    /** Work against the connection that may fail with SQLite's error. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** How long a statement, or the opening of the file, waits for another connection's lock. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(15);

    private final Connection conn;
    private int depth;

    private SqliteDatabase(Connection conn) {
        this.conn = conn;
    }

    /**
     * Opens (creating when new) the database in {@code file} and applies the migrations it has not had.
     *
     * @throws SQLException when the file cannot be opened or migrated; nothing of a failed migration is kept
     */
    public static SqliteDatabase open(Path file, Migrations migrations) throws SQLException {
        // Making a new file WAL takes its lock without SQLite's busy handler, so a second process (or the gateway's
        // warm-up beside its first call) opening the same new file at that moment got SQLITE_BUSY at once, not after
        // the 15 s every statement waits: it waits here the same 15 s, trying again.
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        for (long pause = 5; ; pause = Math.min(pause * 2, 100)) {
            try {
                return openOnce(file, migrations);
            } catch (SQLiteException e) {
                if ((e.getResultCode().code & 0xff) != SQLiteErrorCode.SQLITE_BUSY.code || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while " + file + " was busy", e);
            }
        }
    }

    private static SqliteDatabase openOnce(Path file, Migrations migrations) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) BUSY_WAIT.toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        SqliteDatabase db = new SqliteDatabase(conn);
        try {
            if (migrations.neededBy(conn)) { // checked first so that opening an up-to-date file takes no write lock
                db.inTransaction(() -> {
                    migrations.apply(conn, file);
                    return null;
                });
            }
            return db;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The connection, for statements; changes belong in {@link #inTransaction}. */
    public Connection connection() {
        return conn;
    }

    /**
     * Runs {@code work} in one write transaction: committed when it returns, rolled back when it
     * throws (the error is passed on). A call inside another joins the outer transaction.
     */
    public synchronized <T> T inTransaction(SqlWork<T> work) throws SQLException {
        if (depth > 0) {
            return work.run();
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
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            depth--;
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken: the next statement says so
            }
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing loses nothing: every change was committed or rolled back
        }
    }
}

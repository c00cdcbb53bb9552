package io.batchrender.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

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
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
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

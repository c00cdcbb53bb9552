package io.batchrender.storage;

import io.batchrender.sqlite.Migrations;
import io.batchrender.sqlite.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the MD5 of local files so an unchanged file is never read again: a row per path with
 * the size and modification time (nanoseconds) the file had when it was hashed. A file whose size
 * or time differs is hashed again. Kept in SQLite (WAL) in the state folder; new rows are written
 * in batches, so a crash loses at most the last batch (those files are just hashed again).
 */
public final class HashCache implements AutoCloseable {

    private static final int BATCH = 256;

    private static final Migrations MIGRATIONS = Migrations.of(HashCache.class, "hash-cache/001-file-md5.sql");

    private final SqliteDatabase database;
    private final Connection db;
    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final List<Object[]> pending = new ArrayList<>();
    /** Rows read ahead by {@link #preload}: path → {size, mtime, md5}. */
    private final java.util.Map<String, Object[]> preloaded = new java.util.HashMap<>();

    private HashCache(SqliteDatabase database) throws SQLException {
        this.database = database;
        this.db = database.connection();
        this.select = db.prepareStatement("SELECT md5 FROM file_md5 WHERE path = ? AND size = ? AND mtime_ns = ?");
        this.upsert = db.prepareStatement("INSERT INTO file_md5(path, size, mtime_ns, md5) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, md5 = excluded.md5");
    }

    /** Opens (creating when needed) the cache in {@code file}. */
    public static HashCache open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SqliteDatabase database = SqliteDatabase.open(file, MIGRATIONS);
            try {
                return new HashCache(database);
            } catch (SQLException e) {
                database.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the hash cache folder for " + file, e);
        } catch (SQLException e) {
            throw new StorageException(StorageException.Kind.OTHER, "cannot open the hash cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every row for files under {@code folder} in one query, so the lookups of a big sync
     * do not each ask SQLite.
     */
    public synchronized void preload(String folder) {
        String dir = folder.endsWith("/") ? folder : folder + "/";
        try (PreparedStatement q = db.prepareStatement("SELECT path, size, mtime_ns, md5 FROM file_md5 WHERE path >= ? AND path < ?")) {
            q.setString(1, dir);
            q.setString(2, dir.substring(0, dir.length() - 1) + (char) ('/' + 1));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    preloaded.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getLong(3), rs.getString(4)});
                }
            }
        } catch (SQLException e) {
            // lookups ask SQLite one by one instead
        }
    }

    /** The MD5 recorded for {@code path} when it had this size and time, if any. */
    public synchronized Optional<String> lookup(String path, long size, long mtimeNanos) {
        Object[] row = preloaded.get(path);
        if (row != null && (Long) row[0] == size && (Long) row[1] == mtimeNanos) {
            return Optional.of((String) row[2]);
        }
        try {
            select.setString(1, path);
            select.setLong(2, size);
            select.setLong(3, mtimeNanos);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // a cache that cannot answer only costs a re-read
        }
    }

    /** Records a file's MD5 (written with the next batch, or on {@link #flush()}). */
    public synchronized void put(String path, long size, long mtimeNanos, String md5) {
        preloaded.remove(path);
        pending.add(new Object[] {path, size, mtimeNanos, md5});
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    /** Writes the recorded rows in one transaction. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            database.inTransaction(() -> {
                for (Object[] row : pending) {
                    upsert.setString(1, (String) row[0]);
                    upsert.setLong(2, (Long) row[1]);
                    upsert.setLong(3, (Long) row[2]);
                    upsert.setString(4, (String) row[3]);
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            });
        } catch (SQLException e) {
            // the rows are only a cache: those files are hashed again next time
        } finally {
            pending.clear();
        }
    }

    @Override
    public synchronized void close() {
        flush();
        try {
            select.close();
            upsert.close();
        } catch (SQLException ignored) {
            // closing a cache cannot lose anything that matters
        }
        database.close();
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import io.batchrender.sqlite.Migrations;
import io.batchrender.sqlite.SqliteDatabase;
import io.batchrender.sqlite.SqliteNativeLibrary;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The local farm's job database: its tables as numbered migrations (SQL in
 * {@code resources/io/batchrender/farm/local/db/}), and opening it: created when new, brought up
 * to date in place when older, state folders from before numbered migrations included. Migration 3
 * rewrites the rows of older versions into the one row format ({@link JobRowsMigration}).
 */
final class JobDatabaseSchema {

    /** Oldest first; a change to the tables is a new file (or a step in Java) at the end. */
    static final Migrations MIGRATIONS = Migrations.of(JobDatabaseSchema.class,
            "db/001-tables.sql",
            "db/002-later-columns.sql")
            .then("003: one row format, each task's job.Task as JSON (JobRowsMigration)", JobRowsMigration::run)
            .then("db/004-task-pages.sql");

    private JobDatabaseSchema() {
    }

    /** Opens the database in {@code file}, with SQLite's native library kept in the state folder's {@code lib}. */
    static SqliteDatabase open(Path file) {
        SqliteNativeLibrary.useCopyIn(file.toAbsolutePath().getParent().resolve("lib"));
        try {
            return SqliteDatabase.open(file, MIGRATIONS);
        } catch (SQLException e) {
            throw new FarmException("Cannot open the job database " + file + " (" + e.getMessage()
                    + "): check that the folder is writable and the disk is not full.", e);
        }
    }
}

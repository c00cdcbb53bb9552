package io.batchrender.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, transactions and migrations against real SQLite files. */
class SqliteDatabaseTest {

    static final Migrations FIRST = Migrations.of(SqliteDatabaseTest.class, "testdb/001-shots.sql");

    @TempDir
    Path tmp;

    @Test
    void aNewFileGetsItsMigrationsAndTheSettingsEveryDatabaseHas() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("a.db"), FIRST)) {
            assertEquals("1", single(db, "PRAGMA user_version"));
            assertEquals("wal", single(db, "PRAGMA journal_mode"));
            assertEquals("1", single(db, "PRAGMA foreign_keys"));
            assertEquals("15000", single(db, "PRAGMA busy_timeout"));
            assertEquals("0", single(db, "SELECT count(*) FROM shots"));
        }
    }

    @Test
    void aTransactionThatThrowsLeavesNothingAndANestedOneJoinsTheOuter() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("a.db"), FIRST)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.inTransaction(() -> {
                insert(db, "s1");
                db.inTransaction(() -> insert(db, "s2"));
                throw new IllegalStateException("stop");
            }));
            assertEquals("stop", e.getMessage());
            assertEquals("0", single(db, "SELECT count(*) FROM shots"), "the nested insert went with the outer rollback");
            db.inTransaction(() -> insert(db, "s3"));
            assertEquals("1", single(db, "SELECT count(*) FROM shots"));
        }
    }

    @Test
    void aMigrationThatFailsLeavesTheFileAsItWas() throws Exception {
        Path file = tmp.resolve("a.db");
        SqliteDatabase.open(file, FIRST).close();
        Migrations broken = Migrations.of(SqliteDatabaseTest.class, "testdb/001-shots.sql", "testdb/002-broken.sql");
        SQLException e = assertThrows(SQLException.class, () -> SqliteDatabase.open(file, broken));
        assertTrue(e.getMessage().contains("frames"), e.getMessage());
        try (SqliteDatabase db = SqliteDatabase.open(file, FIRST)) {
            assertEquals("1", single(db, "PRAGMA user_version"));
            assertEquals("0", single(db, "SELECT count(*) FROM sqlite_master WHERE name = 'frames'"),
                    "the first statement of the failed migration was rolled back with it");
        }
    }

    private static int insert(SqliteDatabase db, String id) throws SQLException {
        try (Statement st = db.connection().createStatement()) {
            return st.executeUpdate("INSERT INTO shots VALUES ('" + id + "')");
        }
    }

    private static String single(SqliteDatabase db, String sql) throws SQLException {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.getString(1);
        }
    }

    /**
     * The first use of a state folder: the gateway's warm-up and the panel's first call (or two processes) open
     * the same new file at once. One of them got SQLITE_BUSY at once, though every connection waits 15 s for a
     * writer (CI: "Cannot open the job database ... database is locked"): making the file WAL and migrating it
     * are done by whichever opens first, and the other waits for it.
     */
    @Test
    void manyOpeningANewFileAtOnceAllGetIt() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = tmp.resolve("race-" + round + ".db");
            int openers = 6;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(openers);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(openers);
            try {
                List<java.util.concurrent.Future<Integer>> opened = new java.util.ArrayList<>();
                for (int i = 0; i < openers; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        try (SqliteDatabase db = SqliteDatabase.open(file, FIRST)) {
                            try (var st = db.connection().createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
                                return rs.next() ? rs.getInt(1) : -1;
                            }
                        }
                    }));
                }
                for (var f : opened) {
                    assertEquals(1, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.storage.local.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash cache and the local store's index as the code before numbered migrations made them
 * (HashCache.open and LocalBlobStore.open at f6caa28: their DDL, copied here) open with their rows.
 */
class StorageDatabasesFromBeforeTest {

    @TempDir
    Path tmp;

    @Test
    void aHashCacheFromBeforeKeepsItsRows() throws Exception {
        Path file = tmp.resolve("state/storage/hash-cache.db");
        Files.createDirectories(file.getParent());
        old(file, "CREATE TABLE IF NOT EXISTS file_md5(path TEXT PRIMARY KEY, size INTEGER NOT NULL,"
                + " mtime_ns INTEGER NOT NULL, md5 TEXT NOT NULL)",
                "INSERT INTO file_md5 VALUES ('/p/shot.ma', 12, 34, '1B2M2Y8AsgTpgAmY7PhCfg==')");

        try (HashCache cache = HashCache.open(file)) {
            assertEquals(Optional.of("1B2M2Y8AsgTpgAmY7PhCfg=="), cache.lookup("/p/shot.ma", 12, 34));
            assertEquals(Optional.empty(), cache.lookup("/p/shot.ma", 13, 34), "another size is another file");
        }
        assertEquals(1, userVersion(file));
    }

    @Test
    void aLocalStoreIndexFromBeforeKeepsItsContainersAndBlobs() throws Exception {
        Path root = tmp.resolve("state/storage/local");
        Files.createDirectories(root.resolve("data/fgrp-shot"));
        Files.writeString(root.resolve("data/fgrp-shot/0b6f"), "hello");
        old(root.resolve("index.db"), "CREATE TABLE IF NOT EXISTS containers(name TEXT PRIMARY KEY)",
                "CREATE TABLE IF NOT EXISTS blobs(container TEXT NOT NULL REFERENCES containers(name) ON DELETE CASCADE,"
                        + " name TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT NOT NULL, modified_ms INTEGER NOT NULL,"
                        + " file TEXT NOT NULL, PRIMARY KEY(container, name))",
                "INSERT INTO containers VALUES ('fgrp-shot')",
                "INSERT INTO blobs VALUES ('fgrp-shot', 'scenes/shot.ma', 5, 'XUFAKrxLKna5cZ2REBfFkg==', 1000, '0b6f')");

        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertEquals(List.of("fgrp-shot"), store.containers("fgrp-"));
            BlobInfo blob = store.list("fgrp-shot", "").get(0);
            assertEquals("scenes/shot.ma", blob.name());
            assertEquals(5, blob.size());
            assertEquals(Optional.of("XUFAKrxLKna5cZ2REBfFkg=="), blob.contentMd5());
        }
        assertEquals(1, userVersion(root.resolve("index.db")));
    }

    private static void old(Path file, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }
}

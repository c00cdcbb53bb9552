package io.batchrender.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one unpacked copy of SQLite's native library in the state folder and points sqlite-jdbc
 * at it. Left alone, sqlite-jdbc unpacks the library into the temp folder on every start
 * (~50 ms a process, and a 1 MB file left behind by each killed process).
 */
public final class SqliteNativeLibrary {

    private static final Logger LOG = Logger.getLogger(SqliteNativeLibrary.class.getName());
    private static volatile boolean prepared;

    private SqliteNativeLibrary() {
    }

    /** Points sqlite-jdbc at the copy in {@code cacheRoot} (the state folder's {@code lib}), unpacking it there once. */
    public static synchronized void useCopyIn(Path cacheRoot) {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        prepared = true;
        try {
            String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
            String name = System.mapLibraryName("sqlitejdbc");
            String resource = "/org/sqlite/native/" + folder + "/" + name;
            Path dir = cacheRoot.resolve("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-" + folder.replace('/', '-'));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return; // not bundled for this platform: sqlite-jdbc finds its own way
                    }
                    Files.createDirectories(dir);
                    Path temp = Files.createTempFile(dir, name, ".partial");
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "using sqlite-jdbc's own unpacking", e);
        }
    }
}

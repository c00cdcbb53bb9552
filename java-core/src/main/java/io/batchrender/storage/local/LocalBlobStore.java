package io.batchrender.storage.local;

import com.google.common.hash.HashingInputStream;
import io.batchrender.sqlite.Migrations;
import io.batchrender.sqlite.SqliteDatabase;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.ContainerNames;
import io.batchrender.storage.Md5;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.StorageException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Blob containers in a folder on this machine: the local farm's store. Blob bytes live in
 * {@code data/<container>/} under names the store picks; an SQLite index maps each blob name
 * (any string a blob may have, {@code ../x} included) to its file, size and MD5, so no blob name
 * ever becomes a path. A blob is written to a temp file, checked against its MD5, renamed into
 * place, and only then entered in the index.
 */
public final class LocalBlobStore implements AssetStore {

    private static final int CHUNK = 1 << 20;

    private static final Migrations MIGRATIONS = Migrations.of(LocalBlobStore.class, "db/001-index.sql");

    private final Path root;
    private final SqliteDatabase index;
    private final Connection db;

    private LocalBlobStore(Path root, SqliteDatabase index) {
        this.root = root;
        this.index = index;
        this.db = index.connection();
    }

    /** Opens (creating when needed) the store in {@code root}, e.g. {@code <state folder>/storage/local}. */
    public static LocalBlobStore open(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve("data"));
            SqliteDatabase index = SqliteDatabase.open(dir.resolve("index.db"), MIGRATIONS);
            return new LocalBlobStore(dir, index);
        } catch (IOException e) {
            throw new StorageException(Kind.OTHER, "cannot create the local store in " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StorageException(Kind.OTHER, "cannot open the local store index in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "local store " + root;
    }

    @Override
    public synchronized List<String> containers(String prefix) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT name FROM containers WHERE substr(name, 1, ?) = ? ORDER BY name")) {
            q.setInt(1, prefix.length());
            q.setString(2, prefix);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw indexError(e);
        }
    }

    @Override
    public synchronized boolean containerExists(String container) {
        try (PreparedStatement q = db.prepareStatement("SELECT 1 FROM containers WHERE name = ?")) {
            q.setString(1, container);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw indexError(e);
        }
    }

    @Override
    public synchronized boolean createContainer(String container) {
        ContainerNames.check(container);
        try (PreparedStatement q = db.prepareStatement("INSERT OR IGNORE INTO containers(name) VALUES (?)")) {
            q.setString(1, container);
            Files.createDirectories(dataDir(container));
            return q.executeUpdate() == 1;
        } catch (SQLException e) {
            throw indexError(e);
        } catch (IOException e) {
            throw new StorageException(Kind.OTHER, "cannot create " + dataDir(container) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean deleteContainer(String container) {
        try (PreparedStatement q = db.prepareStatement("DELETE FROM containers WHERE name = ?")) {
            q.setString(1, container);
            boolean existed = q.executeUpdate() == 1;
            deleteTree(dataDir(container));
            return existed;
        } catch (SQLException e) {
            throw indexError(e);
        }
    }

    @Override
    public synchronized List<BlobInfo> list(String container, String prefix) {
        requireContainer(container);
        List<BlobInfo> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT name, size, md5, modified_ms FROM blobs"
                + " WHERE container = ? AND substr(name, 1, ?) = ? ORDER BY name")) {
            q.setString(1, container);
            q.setInt(2, prefix.length());
            q.setString(3, prefix);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new BlobInfo(rs.getString(1), rs.getLong(2), Optional.of(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw indexError(e);
        }
    }

    @Override
    public String upload(String container, String name, Path file, long size, String contentMd5,
                       LongConsumer progress, Cancellation cancel) {
        requireContainer(container);
        if (name.isEmpty() || name.length() > 1024) {
            throw new StorageException(Kind.OTHER, "blob names are 1 to 1024 characters long");
        }
        Path dir = dataDir(container);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, ".upload-", ".part");
            long copied = 0;
            byte[] buf = new byte[CHUNK];
            String got;
            try (HashingInputStream in = new HashingInputStream(Md5.function(), Files.newInputStream(file));
                 OutputStream out = Files.newOutputStream(temp)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    cancel.check();
                    out.write(buf, 0, n);
                    copied += n;
                    progress.accept(n);
                }
                got = Md5.encode(in.hash().asBytes());
            }
            if (copied != size || (contentMd5 != null && !got.equals(contentMd5))) {
                throw new StorageException(Kind.INTEGRITY, "the bytes of " + file + " do not match the MD5 given for them"
                        + " (the file changed?)");
            }
            Path target = dir.resolve(UUID.randomUUID().toString());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            String old = swapIndexEntry(container, name, size, got, target.getFileName().toString());
            if (old != null) {
                Files.deleteIfExists(dir.resolve(old));
            }
            return got;
        } catch (NoSuchFileException e) {
            throw new StorageException(Kind.NOT_FOUND, "no such file: " + file, e);
        } catch (IOException e) {
            throw new StorageException(Kind.TRANSIENT, "cannot write to the local store: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray .part file is harmless
                }
            }
        }
    }

    private synchronized String swapIndexEntry(String container, String name, long size, String md5, String fileName) {
        try {
            String old = null;
            try (PreparedStatement q = db.prepareStatement("SELECT file FROM blobs WHERE container = ? AND name = ?")) {
                q.setString(1, container);
                q.setString(2, name);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        old = rs.getString(1);
                    }
                }
            }
            try (PreparedStatement q = db.prepareStatement("INSERT INTO blobs(container, name, size, md5, modified_ms, file)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(container, name) DO UPDATE SET size = excluded.size,"
                    + " md5 = excluded.md5, modified_ms = excluded.modified_ms, file = excluded.file")) {
                q.setString(1, container);
                q.setString(2, name);
                q.setLong(3, size);
                q.setString(4, md5);
                q.setLong(5, System.currentTimeMillis());
                q.setString(6, fileName);
                q.executeUpdate();
            }
            return old;
        } catch (SQLException e) {
            throw indexError(e);
        }
    }

    @Override
    public String download(String container, String name, Path target, LongConsumer progress, Cancellation cancel) {
        Path source = dataDir(container).resolve(fileOf(container, name));
        byte[] buf = new byte[CHUNK];
        try (HashingInputStream in = new HashingInputStream(Md5.function(), Files.newInputStream(source));
             OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                cancel.check();
                out.write(buf, 0, n);
                progress.accept(n);
            }
            return Md5.encode(in.hash().asBytes());
        } catch (IOException e) {
            throw new StorageException(Kind.TRANSIENT, "cannot read blob " + name + " from the local store: " + e.getMessage(), e);
        }
    }

    /**
     * The file on this machine that holds the bytes of blob {@code name}: for readers on this machine
     * (the local farm fetches {@code file:} URLs by copying). Read it only; the store replaces the file
     * when the blob is written again.
     *
     * @throws StorageException of kind {@code NOT_FOUND} when there is no such blob
     */
    public Path storedFile(String container, String name) {
        return dataDir(container).resolve(fileOf(container, name));
    }

    private synchronized String fileOf(String container, String name) {
        try (PreparedStatement q = db.prepareStatement("SELECT file FROM blobs WHERE container = ? AND name = ?")) {
            q.setString(1, container);
            q.setString(2, name);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new StorageException(Kind.NOT_FOUND, "no blob '" + name + "' in container " + container);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw indexError(e);
        }
    }

    @Override
    public synchronized boolean delete(String container, String name) {
        String file;
        try {
            file = fileOf(container, name);
        } catch (StorageException e) {
            return false;
        }
        try (PreparedStatement q = db.prepareStatement("DELETE FROM blobs WHERE container = ? AND name = ?")) {
            q.setString(1, container);
            q.setString(2, name);
            q.executeUpdate();
            Files.deleteIfExists(dataDir(container).resolve(file));
            return true;
        } catch (SQLException e) {
            throw indexError(e);
        } catch (IOException e) {
            return true; // the index no longer names it; the file is an orphan the next delete of the container removes
        }
    }

    @Override
    public synchronized void close() {
        index.close(); // nothing pending: every write commits at once
    }

    private void requireContainer(String container) {
        if (!containerExists(container)) {
            throw new StorageException(Kind.NOT_FOUND, "no container " + container + " in the " + describe());
        }
    }

    private Path dataDir(String container) {
        return root.resolve("data").resolve(ContainerNames.check(container));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private StorageException indexError(SQLException e) {
        return new StorageException(Kind.OTHER, "the local store index in " + root + " failed: " + e.getMessage(), e);
    }
}

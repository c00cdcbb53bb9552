package io.batchrender.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Real files on disk for the storage tests, and an MD5 computed independently of the code under test. */
public final class StoreFiles {

    private StoreFiles() {
    }

    /** {@code count} files of 1..{@code maxBytes} random bytes in nested folders under {@code root}. */
    public static List<Path> tree(Path root, int count, int maxBytes, long seed) throws IOException {
        Random r = new Random(seed);
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve("seq" + (i % 7)).resolve("part " + (i % 13));
            Files.createDirectories(dir);
            byte[] data = new byte[1 + r.nextInt(maxBytes)];
            r.nextBytes(data);
            Path f = dir.resolve("tex_" + i + ".bin");
            Files.write(f, data);
            files.add(f);
        }
        return files;
    }

    public static Path write(Path file, int size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.write(file, data);
        return file;
    }

    public static String md5(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), d));
        }
        return Base64.getEncoder().encodeToString(d.digest());
    }
}

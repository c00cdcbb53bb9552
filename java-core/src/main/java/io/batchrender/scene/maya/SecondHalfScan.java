package io.batchrender.scene.maya;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second half of a big Maya ASCII file, indexed on another thread while the reader scans the first half: a
 * scene of hundreds of megabytes is then read in little more than half the time on two cores.
 *
 * <p>The half starts at a guessed statement boundary: the first line after the middle that begins with
 * {@code createNode } (Maya writes every statement of a node block on its own lines, and no string holds a raw
 * line break). The guess is only used when the reader, scanning on its own, arrives exactly there between two
 * statements; otherwise the index is thrown away, so a wrong guess costs time, never correctness.
 */
final class SecondHalfScan implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SecondHalfScan.class.getName());

    /** Files smaller than this are read by one thread: the second one would not pay for itself. */
    static final long MIN_SIZE = 32L << 20;
    /** Statements the index holds at most (8 bytes each); the reader scans on alone past them. */
    static final int MAX_STATEMENTS = 1 << 20;
    private static final byte[] MARK = "\ncreateNode ".getBytes(StandardCharsets.US_ASCII);
    private static final int WINDOW = 1 << 20;

    private final long start;
    private final StatementIndex index;
    private final Thread thread;
    private volatile boolean cancelled;
    private volatile boolean failed;

    private SecondHalfScan(Path file, long start, Charset charset, String source, long limit, int capacity) {
        this.start = start;
        this.index = new StatementIndex(capacity);
        this.thread = new Thread(() -> indexFrom(file, charset, source, limit), "scan-second-half");
        thread.setDaemon(true);
    }

    /**
     * Starts indexing the second half of {@code file} when it is big enough, there is a second processor, and a
     * boundary is found near the middle.
     */
    static Optional<SecondHalfScan> start(Path file, long size, Charset charset, String source, long limit) {
        return start(file, size, charset, source, limit, MAX_STATEMENTS, MIN_SIZE);
    }

    /** As above, for files of {@code minSize} bytes and more (a warm-up reads a small file this way). */
    static Optional<SecondHalfScan> start(Path file, long size, Charset charset, String source, long limit,
            long minSize) {
        return start(file, size, charset, source, limit, MAX_STATEMENTS, minSize);
    }

    /** As above, with an index of at most {@code capacity} statements. */
    static Optional<SecondHalfScan> start(Path file, long size, Charset charset, String source, long limit,
            int capacity) {
        return start(file, size, charset, source, limit, capacity, MIN_SIZE);
    }

    private static Optional<SecondHalfScan> start(Path file, long size, Charset charset, String source, long limit,
            int capacity, long minSize) {
        if (size < minSize || Runtime.getRuntime().availableProcessors() < 2) {
            return Optional.empty();
        }
        long boundary;
        try {
            boundary = boundaryAfter(file, size / 2);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (boundary < 0) {
            return Optional.empty();
        }
        SecondHalfScan scan = new SecondHalfScan(file, boundary, charset, source, limit, capacity);
        scan.thread.start();
        return Optional.of(scan);
    }

    /** The file offset the index starts at. */
    long start() {
        return start;
    }

    /** Waits for the index; null when indexing failed (the reader then scans on alone). */
    StatementIndex await() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return failed ? null : index;
    }

    @Override
    public void close() {
        cancelled = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void indexFrom(Path file, Charset charset, String source, long limit) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(start);
            InputStream in = Channels.newInputStream(channel);
            new MayaAsciiByteScanner(in, charset, source, limit, start).index(index, () -> cancelled);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "indexing the second half of " + source + " failed; reading it in one pass", e);
            failed = true;
        }
    }

    /** The offset of the first line at or after {@code from} that starts with {@code createNode }, or -1. */
    static long boundaryAfter(Path file, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer window = ByteBuffer.allocate(WINDOW);
            channel.read(window, from);
            byte[] b = window.array();
            int n = window.position();
            outer:
            for (int i = 0; i + MARK.length <= n; i++) {
                for (int k = 0; k < MARK.length; k++) {
                    if (b[i + k] != MARK[k]) {
                        continue outer;
                    }
                }
                return from + i + 1;
            }
            return -1;
        }
    }
}

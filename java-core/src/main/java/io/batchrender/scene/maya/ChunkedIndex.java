package io.batchrender.scene.maya;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A big Maya ASCII file cut into chunks at guessed statement boundaries, each chunk's statements indexed by whichever
 * thread is free (worker threads, and the reader itself while it has nothing to replay), while the reader replays the
 * chunks in file order ({@link MayaAsciiByteScanner#run}). Indexing steps over every statement, recording where those
 * the reader knows start; replaying reads only the statements a handler wants and looks at nothing else. A chunk
 * nobody has started when the reader reaches it, the reader reads in one pass itself. Both threads of a two-core
 * machine then work until the end, instead of one thread reading half the file (slower: it looks at every statement
 * of the nodes it reads) while the other indexes the other half and then waits.
 *
 * <p>A chunk starts at the first line at or after a multiple of the chunk size that begins with {@code createNode }:
 * Maya writes every statement of a node block on its own lines, and no string of its with a raw line break. The guess
 * is used only when the reader arrives exactly there between two statements; otherwise that chunk's index is thrown
 * away and the reader scans the chunk itself, so a wrong guess costs time, never correctness. Memory stays bounded:
 * at most {@link #AHEAD} chunks are indexed ahead of the reader, each index holding at most {@link #CAPACITY}
 * statements (the reader scans the rest of a chunk whose index filled up).
 */
final class ChunkedIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChunkedIndex.class.getName());

    /** Files smaller than this are read by one thread: the others would not pay for themselves. */
    static final long MIN_SIZE = 32L << 20;
    /** The chunk size of big files: small enough to share the work evenly, big enough to cost nothing per chunk. */
    static final int CHUNK = 8 << 20;
    /** Statements one chunk's index holds at most (8 bytes each). */
    static final int CAPACITY = 1 << 17;
    /** Chunks indexed ahead of the one the reader replays, at most. */
    static final int AHEAD = 6;
    /** Worker threads at most, besides the reader (which indexes too). */
    static final int MAX_WORKERS = 3;
    private static final byte[] MARK = "\ncreateNode ".getBytes(StandardCharsets.US_ASCII);
    /** How far after a multiple of the chunk size a {@code createNode} line is looked for. */
    private static final int WINDOW = 64 << 10;

    private final Path file;
    private final Charset charset;
    private final String source;
    private final long limit;
    private final int capacity;
    /** Where each chunk starts; chunk k ends where k + 1 starts, the last at the end of the file. */
    private final long[] starts;
    /** The done chunks' indexes (null: failed or dropped); guarded by this. */
    private final StatementIndex[] indexes;
    private final boolean[] done;
    /** The next chunk to claim, and the chunk the reader waits for or replays; guarded by this. */
    private int claimed;
    private int reading;
    private volatile boolean cancelled;
    private final List<Thread> workers = new ArrayList<>();
    /** The reader's own indexing scanner, opened when it first indexes a chunk. */
    private FileChannel readerChannel;
    private MayaAsciiByteScanner readerIndexer;

    private ChunkedIndex(Path file, long[] starts, Charset charset, String source, long limit, int capacity) {
        this.file = file;
        this.starts = starts;
        this.charset = charset;
        this.source = source;
        this.limit = limit;
        this.capacity = capacity;
        this.indexes = new StatementIndex[starts.length];
        this.done = new boolean[starts.length];
    }

    /**
     * Starts indexing {@code file} (of {@code size} bytes, its text from offset {@code start}) on worker threads when
     * it is at least {@code minSize} bytes, there is a second processor, and it has more than one chunk of
     * {@code chunkSize}.
     */
    static Optional<ChunkedIndex> start(Path file, long size, long start, Charset charset, String source, long limit,
            long minSize, int chunkSize) {
        return start(file, size, start, charset, source, limit, minSize, chunkSize, CAPACITY);
    }

    /** As above, each chunk's index holding at most {@code capacity} statements. */
    static Optional<ChunkedIndex> start(Path file, long size, long start, Charset charset, String source, long limit,
            long minSize, int chunkSize, int capacity) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (size < minSize || processors < 2) {
            return Optional.empty();
        }
        long[] starts;
        try {
            starts = chunkStarts(file, size, start, chunkSize);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (starts.length < 2) {
            return Optional.empty();
        }
        ChunkedIndex chunks = new ChunkedIndex(file, starts, charset, source, limit, capacity);
        int workers = Math.min(Math.min(MAX_WORKERS, processors - 1), starts.length - 1);
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(chunks::work, "scan-index-" + (i + 1));
            t.setDaemon(true);
            chunks.workers.add(t);
            t.start();
        }
        return Optional.of(chunks);
    }

    /** The chunks' starts: {@code start}, then the first {@code createNode} line after each multiple of the size. */
    static long[] chunkStarts(Path file, long size, long start, int chunkSize) throws IOException {
        int window = Math.min(WINDOW, chunkSize / 2);
        long[] starts = new long[(int) Math.min(Integer.MAX_VALUE - 8, size / chunkSize + 1)];
        int n = 0;
        starts[n++] = start;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(window);
            for (long at = chunkSize; at < size; at += chunkSize) {
                long boundary = boundaryAfter(channel, buffer, at - 1);
                if (boundary > starts[n - 1]) {
                    starts[n++] = boundary;
                }
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** The offset of the first line starting with {@code createNode } just after {@code from} (a newline), or -1. */
    private static long boundaryAfter(FileChannel channel, ByteBuffer window, long from) throws IOException {
        window.clear();
        while (window.hasRemaining() && channel.read(window, from + window.position()) > 0) {
            // fill the window, or up to the end of the file
        }
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

    int count() {
        return starts.length;
    }

    /** Where chunk {@code k} starts. */
    long start(int k) {
        return starts[k];
    }

    /** Where chunk {@code k} ends: the next chunk's start, or past the end of the file for the last. */
    long end(int k) {
        return k + 1 < starts.length ? starts[k + 1] : Long.MAX_VALUE;
    }

    /**
     * Chunk {@code k}'s index; null when the reader is to scan the chunk itself: indexing it failed, or another thread
     * is still at it and nothing else is left to index within {@link #AHEAD} chunks (on a busy machine that thread may
     * have lost its processor for a while: the reader does not wait for it). The reader calls this for each chunk in
     * order, and indexes the chunks ahead itself meanwhile; the chunks before {@code k} are released.
     */
    StatementIndex await(int k) throws IOException {
        while (true) {
            int mine;
            synchronized (this) {
                if (k > reading) {
                    for (int i = reading; i < k; i++) {
                        indexes[i] = null; // replayed: the index can go
                    }
                    reading = k;
                    notifyAll(); // the workers may go further ahead
                }
                if (done[k]) {
                    StatementIndex index = indexes[k];
                    indexes[k] = null;
                    return index;
                }
                if (claimed == k) { // nobody has started it: reading it in one pass costs less than index and replay
                    claimed++;
                    done[k] = true;
                    return null;
                }
                mine = claimable();
                if (mine < 0) {
                    return null;
                }
            }
            if (readerIndexer == null) {
                readerChannel = FileChannel.open(file, StandardOpenOption.READ);
                readerIndexer = new MayaAsciiByteScanner(Channels.newInputStream(readerChannel), charset, source,
                        limit, 0);
            }
            index(mine, readerChannel, readerIndexer);
        }
    }

    /** The next chunk to index, claimed, or -1 when none is left within {@link #AHEAD} of the reader. */
    private int claimable() {
        if (cancelled || claimed >= starts.length || claimed > reading + AHEAD) {
            return -1;
        }
        return claimed++;
    }

    /** A worker thread: indexes chunks until none is left or the read ends. */
    private void work() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MayaAsciiByteScanner scanner = new MayaAsciiByteScanner(Channels.newInputStream(channel), charset, source,
                    limit, 0);
            while (true) {
                int k;
                synchronized (this) {
                    while ((k = claimable()) < 0 && !cancelled && claimed < starts.length) {
                        wait();
                    }
                    if (k < 0) {
                        return;
                    }
                }
                index(k, channel, scanner);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "indexing " + source + " on another thread failed; the reader scans on alone", e);
            failAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Indexes chunk {@code k} with {@code scanner} reading {@code channel}, and publishes the index. */
    private void index(int k, FileChannel channel, MayaAsciiByteScanner scanner) throws IOException {
        StatementIndex index = new StatementIndex(capacity);
        boolean ok = true;
        try {
            channel.position(starts[k]);
            scanner.restart(starts[k]);
            scanner.index(index, () -> cancelled, end(k));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "indexing part of " + source + " failed; the reader scans that part itself", e);
            ok = false;
        }
        synchronized (this) {
            indexes[k] = ok && k >= reading ? index : null;
            done[k] = true;
            notifyAll();
        }
    }

    /** Marks every unclaimed chunk done without an index: the reader scans them itself. */
    private synchronized void failAll() {
        while (claimed < starts.length) {
            done[claimed++] = true;
        }
        notifyAll();
    }

    /** Stops the workers (the read is over, or failed) and waits for them. */
    @Override
    public void close() {
        synchronized (this) {
            cancelled = true;
            Arrays.fill(indexes, null);
            notifyAll();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (readerChannel != null) {
            try {
                readerChannel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing " + source, e);
            }
        }
    }
}

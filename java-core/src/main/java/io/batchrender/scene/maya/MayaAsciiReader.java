package io.batchrender.scene.maya;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a Maya ASCII scene ({@code .ma}, or a {@code workspace.mel}) as a stream and reports its statements to
 * a {@link MayaSceneHandler}, in file order.
 *
 * <p>The file must start with {@code //Maya}. Its text is decoded with the codeset its {@code //Codeset:} line
 * names. Statements end at the first {@code ;} outside a string and may run over many lines; CRLF and LF both
 * work. Memory stays bounded whatever the input: the reader keeps one statement at most, and a statement
 * longer than the limit ends the read with a {@link MayaSceneException}. A file that ends in the middle of a
 * statement is reported after every complete statement before it has been delivered.
 */
public final class MayaAsciiReader {

    private static final int HEAD = 8192;

    private final long limit;
    private final long parallelFrom;
    private final int chunkSize;

    /** A reader with the default limit ({@link MayaSceneReader#defaultLimit()}). */
    public MayaAsciiReader() {
        this(ReadLimit.defaultLimit());
    }

    /** A reader that keeps statements of at most {@code maxStatementChars} characters. */
    public MayaAsciiReader(long maxStatementChars) {
        this(maxStatementChars, ChunkedIndex.MIN_SIZE, ChunkedIndex.CHUNK);
    }

    /** A reader that reads files of {@code parallelFrom} bytes and more in chunks of {@code chunkSize} on all cores. */
    MayaAsciiReader(long maxStatementChars, long parallelFrom, int chunkSize) {
        this.limit = ReadLimit.check(maxStatementChars);
        this.parallelFrom = parallelFrom;
        this.chunkSize = chunkSize;
    }

    /** The chunk size of {@link #onTwoThreads}: a warm-up scene of a few MB is cut into dozens of chunks. */
    static final int WARMUP_CHUNK = 128 << 10;

    /**
     * A reader that reads every file in chunks on all cores, as it reads files of 32 MB and more: to warm that code
     * up on a small file ({@link MayaSceneReader#readOnTwoThreads}).
     */
    static MayaAsciiReader onTwoThreads() {
        return new MayaAsciiReader(ReadLimit.defaultLimit(), 0, WARMUP_CHUNK);
    }

    /** Reads {@code file}; a missing, unreadable or non-Maya-ASCII file ends in a {@link MayaSceneException}. */
    public void read(Path file, MayaSceneHandler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            read(in, file.toString(), handler, file);
        } catch (IOException e) {
            throw MayaSceneReader.cannotRead(file, e);
        }
    }

    /**
     * Reads a Maya ASCII scene from {@code in} (which the caller closes).
     *
     * @param source the file's name for error messages
     */
    public void read(InputStream in, String source, MayaSceneHandler handler) throws IOException {
        read(in, source, handler, null);
    }

    /** With {@code file} (the file {@code in} reads, from its start), a big file is read in chunks on all cores. */
    private void read(InputStream in, String source, MayaSceneHandler handler, Path file) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
        bin.mark(HEAD);
        byte[] head = bin.readNBytes(HEAD);
        bin.reset();
        int bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        if (!new String(head, bom, Math.min(6, head.length - bom), StandardCharsets.ISO_8859_1).equals("//Maya")) {
            throw new MayaSceneException(source + " is not a Maya ASCII scene (it does not start with //Maya): "
                    + "open it in Maya and save it as Maya ASCII (.ma)");
        }
        bin.skipNBytes(bom);
        byte[] text = java.util.Arrays.copyOfRange(head, bom, head.length);
        Charset charset = MayaCodeset.find(text, text.length).map(MayaCodeset::charset).orElse(StandardCharsets.UTF_8);
        MayaAsciiCommands commands = new MayaAsciiCommands(handler);
        if (MayaAsciiByteScanner.handles(charset)) {
            MayaAsciiByteScanner scanner = new MayaAsciiByteScanner(bin, charset, source, limit, bom);
            Optional<ChunkedIndex> chunks = file == null ? Optional.empty()
                    : ChunkedIndex.start(file, Files.size(file), bom, charset, source, limit, parallelFrom, chunkSize);
            if (chunks.isEmpty()) {
                scanner.run(commands);
                return;
            }
            try (ChunkedIndex c = chunks.get()) {
                scanner.run(commands, c);
            }
            return;
        }
        Reader reader = new InputStreamReader(bin, MayaCodeset.decoder(charset));
        MelStatementReader statements = new MelStatementReader(new MelTokenizer(reader, source, limit),
                commands::wants, limit);
        MelStatement s;
        while ((s = statements.next()) != null) {
            commands.apply(s);
        }
    }
}

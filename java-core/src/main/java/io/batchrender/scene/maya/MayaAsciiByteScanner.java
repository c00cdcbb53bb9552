package io.batchrender.scene.maya;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link MayaAsciiReader} for text in a codeset where every byte below 0x80 is
 * ASCII (UTF-8, the Windows and ISO single-byte code pages): statements are split on the bytes,
 * and only those a handler wants are decoded and tokenized. The rest (mesh data, script bodies,
 * most of a scene) are stepped over byte by byte, costing no memory however long they are.
 *
 * <p>A statement ends at the first {@code ;} outside double quotes; inside quotes a backslash
 * escapes the next byte. Lines are counted for error messages.
 */
final class MayaAsciiByteScanner {

    private static final int MAX_COMMAND = 64;

    private final InputStream in;
    private final Charset charset;
    private final String source;
    private final long limit;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int lim;
    private int line = 1;
    /** The line of the statement {@link #skipToWanted} stopped at. */
    private int statementLine;
    /** The file offset of {@code buf[0]}. */
    private long base;
    private byte[] statement = new byte[1 << 12];
    private int statementLength;

    /**
     * A scanner of {@code in}, whose first byte is at offset {@code start} of the file (for {@link #offset()}).
     */
    MayaAsciiByteScanner(InputStream in, Charset charset, String source, long limit, long start) {
        this.in = in;
        this.charset = charset;
        this.source = source;
        this.limit = limit;
        this.base = start;
    }

    /** True for codesets whose bytes below 0x80 always mean ASCII characters. */
    static boolean handles(Charset charset) {
        String name = charset.name();
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || name.startsWith("windows-125") || name.startsWith("ISO-8859-");
    }

    /** Reports every statement to {@code commands}, scanning the whole file on this thread. */
    void run(MayaAsciiCommands commands) throws IOException {
        String command;
        while ((command = skipToWanted(commands, Long.MAX_VALUE)) != null) {
            read(command, commands);
        }
    }

    /**
     * Reports every statement to {@code commands}, chunk by chunk: where this scan arrives exactly at a chunk's start,
     * it replays the chunk's index (built on another thread, or on this one while it waited) and reads only the
     * statements it wants; what an index does not cover (a chunk whose guessed start fell inside a statement, an
     * index that filled up or stopped at a statement it could not step over) it scans itself.
     */
    void run(MayaAsciiCommands commands, ChunkedIndex chunks) throws IOException {
        for (int k = 0; k < chunks.count(); k++) {
            if (offset() == chunks.start(k)) {
                StatementIndex index = chunks.await(k);
                if (index != null) {
                    replay(index, commands);
                }
            }
            long end = chunks.end(k);
            String command;
            while ((command = skipToWanted(commands, end)) != null) {
                read(command, commands);
            }
        }
    }

    /** Scans from file offset {@code start} next, on line 1: the caller has moved the stream there. */
    void restart(long start) {
        base = start;
        pos = 0;
        lim = 0;
        line = 1;
    }

    /**
     * Records where each statement that names one of {@link MayaAsciiCommands#COMMANDS} starts, skipping them all,
     * until the first statement at or past file offset {@code stopAt}, the end of the file, a full index,
     * {@code cancelled}, or a statement it cannot step over (too long, cut off: the reader reports those when it gets
     * there). The index's end is where a reader resumes scanning.
     */
    void index(StatementIndex index, java.util.function.BooleanSupplier cancelled, long stopAt) {
        long start = offset();
        long resume = start;
        int resumeLine = line;
        try {
            while (!cancelled.getAsBoolean()) {
                boolean more = skipSpaceAndComments();
                resume = offset();
                resumeLine = line;
                if (!more || resume >= stopAt) {
                    break; // the end of the file, or of the part to index
                }
                if (buf[pos] == ';') {
                    pos++;
                    continue;
                }
                String command = command(resumeLine);
                if (command != null && !index.add(resume - start, resumeLine, command.equals("setAttr"))) {
                    break;
                }
                skip(resumeLine);
            }
        } catch (IOException | MayaSceneException e) {
            // resume at the statement that failed: the reader meets it again and reports it
        }
        index.end(resume - start, resumeLine);
    }

    /** The file offset of the next byte to scan. */
    long offset() {
        return base + pos;
    }

    /**
     * Steps over the statements no handler wants, up to the next one that is wanted (left unread, {@link #statementLine}
     * its line): its command, or null at the end of the file or at the first statement at or past {@code stopAt}.
     * The loop of a scan: kept apart from {@link #read} so that the JIT compiles it small and early.
     */
    private String skipToWanted(MayaAsciiCommands commands, long stopAt) throws IOException {
        while (skipSpaceAndComments()) {
            if (offset() >= stopAt) {
                return null;
            }
            statementLine = line;
            if (buf[pos] == ';') {
                pos++;
                continue;
            }
            String command = command(statementLine);
            if (command != null && commands.wantsCommand(command) && !unwantedSetAttr(command, commands)) {
                return command;
            }
            skip(statementLine);
        }
        return null;
    }

    /** Reads the wanted statement at {@code pos}, starting with {@code command}, and reports it. */
    private void read(String command, MayaAsciiCommands commands) throws IOException {
        collect(statementLine);
        CreateNodeBytes.CreateNode node = command.equals("createNode")
                ? CreateNodeBytes.parse(statement, statementLength, charset) : null;
        if (node != null) {
            commands.createNode(node);
        } else {
            MelStatement s = parse(statementLine);
            if (s != null) {
                commands.apply(s);
            }
        }
    }

    /** A setAttr of an attribute of the current node that no handler reads: to be stepped over unread. */
    private boolean unwantedSetAttr(String command, MayaAsciiCommands commands) throws IOException {
        if (!command.equals("setAttr") || !commands.filtersAttributes()) {
            return false;
        }
        fillKeeping(ATTRIBUTE_WINDOW); // fewer at the end of the file
        long span = SetAttrBytes.span(buf, pos + command.length(), Math.min(lim, pos + ATTRIBUTE_WINDOW));
        return span >= 0 && !commands.wantsSetAttr(buf, SetAttrBytes.start(span), SetAttrBytes.end(span));
    }

    /** How far into a setAttr its attribute is looked for; Maya writes it within the first few dozen bytes. */
    private static final int ATTRIBUTE_WINDOW = 512;

    /**
     * Reads the statements {@code index} found from here on: every statement that can report something or change the
     * current node is in it, so nothing between them is scanned. A {@code setAttr} is looked at only when the current
     * node's attributes are wanted, and read only when its attribute is (tested on its first bytes, as a scan does).
     */
    private void replay(StatementIndex index, MayaAsciiCommands commands) throws IOException {
        long start = offset();
        int startLine = line;
        for (int i = 0; i < index.count(); i++) {
            boolean setAttr = index.isSetAttr(i);
            if (setAttr && !commands.wantsSetAttrs()) {
                continue;
            }
            jumpTo(start + index.offset(i));
            line = startLine + index.line(i) - 1;
            if (pos >= lim && !fill()) {
                throw MelTokenizer.truncated(source, line); // the file shrank under us
            }
            statementLine = line;
            if (!setAttr) {
                read(command(statementLine), commands);
            } else if (!unwantedSetAttr(SET_ATTR, commands)) {
                read(SET_ATTR, commands);
            }
        }
        jumpTo(start + index.end());
        line = startLine + index.endLine() - 1;
    }

    private static final String SET_ATTR = "setAttr";

    /** Moves to file offset {@code target} (not before {@code pos}), skipping the bytes in between unread. */
    private void jumpTo(long target) throws IOException {
        long inBuffer = target - base;
        if (inBuffer <= lim) {
            pos = (int) inBuffer;
            return;
        }
        long beyond = target - (base + lim);
        base = target;
        pos = 0;
        lim = 0;
        in.skipNBytes(beyond);
    }

    /** Steps over white space and {@code //} comment lines; false at the end of the file. */
    private boolean skipSpaceAndComments() throws IOException {
        while (true) {
            if (pos >= lim && !fill()) {
                return false;
            }
            byte b = buf[pos];
            if (b == '\n') {
                line++;
                pos++;
            } else if ((b & 0xff) <= ' ') {
                pos++;
            } else if (b == '/' && peek(1) == '/') {
                while ((pos < lim || fill()) && buf[pos] != '\n') {
                    pos++;
                }
            } else {
                return true;
            }
        }
    }

    /**
     * The statement's first word when it is one of {@link MayaAsciiCommands#COMMANDS}, else null; not consumed. A word
     * longer than any command is stepped over (the statement is then skipped from there).
     */
    private String command(int statementLine) throws IOException {
        if (lim - pos > MAX_COMMAND || fillKeeping(MAX_COMMAND + 1)) { // the common case: no refill per byte
            byte[] b = buf;
            int p = pos;
            int end = p + MAX_COMMAND;
            while (p <= end && !WORD_END[b[p] & 0xff]) {
                p++;
            }
            if (p <= end) {
                return MayaAsciiCommands.named(b, pos, p - pos);
            }
        }
        int n = 0;
        while (n <= MAX_COMMAND) {
            if (pos + n >= lim && !fillKeeping(n + 1)) {
                break;
            }
            byte b = buf[pos + n];
            if ((b & 0xff) <= ' ' || b == ';' || b == '"' || b == '(' || b == ')') {
                break;
            }
            n++;
        }
        if (n > MAX_COMMAND) {
            skipWord(statementLine);
            return null; // not a command: stepped over, and reported if it never ends
        }
        return MayaAsciiCommands.named(buf, pos, n);
    }

    /** Steps over a word too long to be a command; one longer than the statement limit is an error. */
    private void skipWord(int statementLine) throws IOException {
        long n = 0;
        while (pos < lim || fill()) {
            byte b = buf[pos];
            if ((b & 0xff) <= ' ' || b == ';' || b == '"' || b == '(' || b == ')') {
                return;
            }
            pos++;
            if (++n > limit) {
                throw MelTokenizer.tooLong(source, statementLine, limit);
            }
        }
    }

    /** Copies the statement, up to and with its ';', into {@link #statement}. */
    private void collect(int statementLine) throws IOException {
        statementLength = 0;
        scan(statementLine, true);
    }

    private void skip(int statementLine) throws IOException {
        scan(statementLine, false);
    }

    /**
     * Steps over the statement to just past its ';', keeping nothing. Looks at eight bytes at a
     * time for the few bytes that matter (outside strings {@code ; " \n}, inside {@code " \\ \n});
     * newlines are counted from the same words. With {@code keep}, the bytes stepped over are
     * copied into {@link #statement}.
     */
    private void scan(int statementLine, boolean keep) throws IOException {
        boolean inString = false;
        int stringLine = 0;
        boolean escapedNext = false; // the string's next byte, the first of the next word, follows an escaping backslash
        while (true) {
            if (lim - pos < 16 && !fillKeeping(16)) {
                // the last few bytes of the file: one at a time
                tail(statementLine, inString, stringLine, keep, escapedNext);
                return;
            }
            byte[] b = buf;
            int p = pos;
            int end = lim - 8;
            if (!inString) {
                while (p <= end) {
                    long w = (long) LONGS.get(b, p);
                    long stops = zeroBytes(w ^ SEMICOLONS) | zeroBytes(w ^ QUOTES);
                    long newlines = zeroBytes(w ^ NEWLINES);
                    if (stops == 0) {
                        line += Long.bitCount(newlines);
                        p += 8;
                        continue;
                    }
                    int bit = Long.numberOfTrailingZeros(stops);
                    line += Long.bitCount(newlines & ((1L << bit) - 1));
                    p += bit >>> 3;
                    if (b[p] == ';') {
                        consume(p + 1, keep, statementLine);
                        return;
                    }
                    inString = true;
                    stringLine = line;
                    escapedNext = false;
                    p++;
                    break;
                }
            } else {
                // only an unescaped quote stops the scan: a backslash escapes the byte after it, unless escaped itself
                while (p <= end) {
                    long w = (long) LONGS.get(b, p);
                    long quotes = zeroBytes(w ^ QUOTES);
                    long newlines = zeroBytes(w ^ NEWLINES);
                    long backslashes = zeroBytes(w ^ BACKSLASHES);
                    int bit; // of the first quote that ends the string, in the zeroBytes numbering; 64: none
                    if (backslashes != 0 || escapedNext) {
                        // which bytes an odd run of backslashes escapes, without a branch per backslash (the
                        // method of simdjson's find_escaped_branchless, on the word's eight bytes as eight bits)
                        long prev = escapedNext ? 1 : 0;
                        long bs = byteBits(backslashes) & ~prev; // an escaped backslash escapes nothing
                        long follows = ((bs << 1) | prev) & 0xFF;
                        long runs = (bs & ~EVEN_BITS & ~follows) + bs; // carries out of the runs that start on odd bits
                        escapedNext = (runs & 0x100) != 0;
                        long ends = byteBits(quotes) & ~((EVEN_BITS ^ (runs << 1)) & follows);
                        bit = ends == 0 ? 64 : Long.numberOfTrailingZeros(ends) * 8 + 7;
                    } else {
                        bit = Long.numberOfTrailingZeros(quotes);
                    }
                    if (bit == 64) {
                        line += Long.bitCount(newlines);
                        p += 8;
                        continue;
                    }
                    line += Long.bitCount(newlines & ((1L << bit) - 1));
                    p += (bit >>> 3) + 1;
                    inString = false;
                    escapedNext = false;
                    break;
                }
            }
            consume(p, keep, statementLine);
        }
    }

    /** Moves {@code pos} to {@code p}, copying the bytes in between when the statement is kept. */
    private void consume(int p, boolean keep, int statementLine) {
        if (keep) {
            int n = p - pos;
            if (statementLength + (long) n > limit) {
                throw MelTokenizer.tooLong(source, statementLine, limit);
            }
            if (statementLength + n > statement.length) {
                statement = Arrays.copyOf(statement, (int) Math.min(limit, Math.max(statementLength + n,
                        (long) statement.length * 2)));
            }
            System.arraycopy(buf, pos, statement, statementLength, n);
            statementLength += n;
        }
        pos = p;
    }

    /** Byte by byte, for the end of the file. */
    private void tail(int statementLine, boolean inString, int stringLine, boolean keep, boolean escapedFirst)
            throws IOException {
        if (escapedFirst) { // the string's last backslash came before: the next byte is escaped
            if (pos >= lim && !fill()) {
                throw MelTokenizer.endsInString(source, stringLine, statementLine);
            }
            if (buf[pos] == '\n') {
                line++;
            }
            consume(pos + 1, keep, statementLine);
        }
        while (true) {
            if (pos >= lim && !fill()) {
                throw inString ? MelTokenizer.endsInString(source, stringLine, statementLine)
                        : MelTokenizer.truncated(source, statementLine);
            }
            byte c = buf[pos];
            consume(pos + 1, keep, statementLine);
            if (c == '\n') {
                line++;
            }
            if (inString) {
                if (c == '"') {
                    inString = false;
                } else if (c == '\\') {
                    if (pos >= lim && !fill()) {
                        throw MelTokenizer.endsInString(source, stringLine, statementLine);
                    }
                    if (buf[pos] == '\n') {
                        line++;
                    }
                    consume(pos + 1, keep, statementLine);
                }
            } else if (c == ';') {
                return;
            } else if (c == '"') {
                inString = true;
                stringLine = line;
            }
        }
    }


    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    /** The bytes that end a word: white space and control bytes, {@code ; " ( )}. */
    private static final boolean[] WORD_END = new boolean[256];

    static {
        for (int c = 0; c <= ' '; c++) {
            WORD_END[c] = true;
        }
        for (char c : new char[] {';', '"', '(', ')'}) {
            WORD_END[c] = true;
        }
    }
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long SEMICOLONS = ONES * ';';
    private static final long QUOTES = ONES * '"';
    private static final long NEWLINES = ONES * '\n';
    private static final long BACKSLASHES = ONES * '\\';
    /** Bits 0, 2, 4, 6: the even bytes of a word in a {@link #byteBits} mask. */
    private static final long EVEN_BITS = 0x55L;

    /** A {@link #zeroBytes} mask (the high bit of some bytes) as eight bits, bit i for byte i. */
    private static long byteBits(long highBits) {
        return ((highBits >>> 7) * 0x0102040810204080L) >>> 56;
    }

    /** The high bit of every byte of {@code x} that is zero, exactly (no false positives). */
    private static long zeroBytes(long x) {
        long t = ((x & LOW7) + LOW7) | x;
        return ~(t | LOW7);
    }

    private MelStatement parse(int statementLine) throws IOException {
        MelTokens tokens = new MelByteTokens(statement, statementLength, charset, source, statementLine);
        return new MelStatementReader(tokens, command -> true, limit).next();
    }


    private int peek(int ahead) throws IOException {
        if (pos + ahead < lim || fillKeeping(ahead + 1)) {
            return buf[pos + ahead];
        }
        return -1;
    }

    /** Reads more bytes when all before {@code pos} are used. */
    private boolean fill() throws IOException {
        return fillKeeping(1);
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false at the end of the file. */
    private boolean fillKeeping(int n) throws IOException {
        while (lim - pos < n) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                base += pos;
                pos = 0;
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }
}

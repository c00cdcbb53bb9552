package io.batchrender.scene.maya;

import io.batchrender.scene.maya.MelToken.Kind;
import java.io.IOException;
import java.io.Reader;

/**
 * Splits the text of a Maya ASCII file into {@link MelToken}s, streaming: it holds one buffer of characters
 * and the token being read, never the file.
 *
 * <p>Outside double quotes: whitespace (spaces, tabs, CR, LF) separates tokens; {@code ;}, {@code (} and
 * {@code )} are tokens of their own; {@code //} starting a token starts a comment that runs to the end of the
 * line. Inside double quotes: {@code \"}, {@code \\}, {@code \n}, {@code \t} and {@code \r} are undone; any other
 * backslash is kept as written.
 */
final class MelTokenizer implements MelTokens {

    private final Reader in;
    private final String source;
    private final long maxTokenChars;
    private final char[] buf;
    private int pos;
    private int lim;
    private int line = 1;
    private int statementLine = 1;
    private boolean statementStarted;

    MelTokenizer(Reader in, String source, long maxTokenChars) {
        this(in, source, maxTokenChars, 1);
    }

    /** A tokenizer for text that starts on line {@code firstLine} of {@code source}. */
    MelTokenizer(Reader in, String source, long maxTokenChars, int firstLine) {
        this(in, source, maxTokenChars, firstLine, 1 << 17);
    }

    /** As above, with a character buffer of {@code bufferSize} (small for one short statement). */
    MelTokenizer(Reader in, String source, long maxTokenChars, int firstLine, int bufferSize) {
        this.buf = new char[Math.max(16, bufferSize)];
        this.in = in;
        this.source = source;
        this.maxTokenChars = maxTokenChars;
        this.line = firstLine;
        this.statementLine = firstLine;
    }

    /** The line on which the statement being read (or the last one) starts. */
    int statementLine() {
        return statementLine;
    }

    /**
     * The next token, or null at the end of the text.
     *
     * @param keepText false to scan a token without keeping its text (for statements nobody reads)
     */
    @Override
    public MelToken next(boolean keepText) throws IOException {
        int c;
        while (true) {
            c = peek(0);
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                line++;
                pos++;
            } else if (c <= ' ' || c == '\uFEFF') {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                skipToEndOfLine();
            } else {
                break;
            }
        }
        if (!statementStarted) {
            statementStarted = true;
            statementLine = line;
        }
        int start = line;
        MelToken punctuation = MelToken.punctuation(c, start);
        if (punctuation != null) {
            pos++;
            statementStarted = punctuation.kind() != Kind.SEMICOLON;
            return punctuation;
        }
        if (c == '"') {
            pos++;
            return new MelToken(Kind.STRING, readString(keepText, start), start);
        }
        return new MelToken(Kind.WORD, readWord(keepText), start);
    }

    /** The error for a statement longer than the limit: the file is damaged or not a Maya ASCII scene. */
    @Override
    public MayaSceneException tooLong(long limit) {
        return tooLong(source, statementLine, limit);
    }

    static MayaSceneException tooLong(String source, int statementLine, long limit) {
        return new MayaSceneException(source + ": statement at line " + statementLine + " is longer than "
                + ReadLimit.megabytes(limit) + ": the file is damaged or not a Maya ASCII scene");
    }

    static MayaSceneException truncated(String source, int statementLine) {
        return new MayaSceneException(source + ": the file ends in the middle of the statement at line " + statementLine
                + " (no closing ';'): it is truncated or damaged; save the scene from Maya again");
    }

    static MayaSceneException endsInString(String source, int stringLine, int statementLine) {
        return new MayaSceneException(source + ": the file ends inside the string that starts at line " + stringLine
                + " (statement at line " + statementLine + "): it is truncated or damaged; save the scene from Maya again");
    }

    /** The error for a file that ends before the statement's {@code ;}. */
    @Override
    public MayaSceneException truncated() {
        return truncated(source, statementLine);
    }

    private String readString(boolean keep, int startLine) throws IOException {
        StringBuilder sb = keep ? new StringBuilder() : null;
        long n = 0;
        while (true) {
            if (pos >= lim && !fill(1)) {
                throw endsInString(source, startLine, statementLine);
            }
            // the plain run up to the next quote, backslash or newline, copied in one go
            int run = pos;
            while (run < lim) {
                char c = buf[run];
                if (c == '"' || c == '\\' || c == '\n') {
                    break;
                }
                run++;
            }
            if (run > pos) {
                if (keep) {
                    n += run - pos;
                    if (n > maxTokenChars) {
                        throw tooLong(maxTokenChars);
                    }
                    sb.append(buf, pos, run - pos);
                }
                pos = run;
                continue;
            }
            int c = buf[pos++];
            if (c == '"') {
                return keep ? sb.toString() : "";
            }
            if (c == '\n') {
                line++;
            } else if (c == '\\') {
                int e = read();
                if (e < 0) {
                    continue; // reported as the unterminated string above
                }
                c = MelEscapes.undo(e);
                if (c == MelEscapes.KEEP_BACKSLASH) {
                    if (e == '\n') {
                        line++;
                    }
                    if (keep) {
                        sb.append('\\');
                        n++;
                    }
                    c = e;
                }
            }
            if (keep) {
                if (++n > maxTokenChars) {
                    throw tooLong(maxTokenChars);
                }
                sb.append((char) c);
            }
        }
    }

    private String readWord(boolean keep) throws IOException {
        StringBuilder sb = null;
        long n = 0;
        while (true) {
            if (pos >= lim && !fill(1)) {
                return keep ? (sb == null ? "" : sb.toString()) : "";
            }
            int run = pos;
            while (run < lim) {
                char c = buf[run];
                if (c <= ' ' || c == ';' || c == '"' || c == '(' || c == ')') {
                    break;
                }
                run++;
            }
            if (keep && run > pos) {
                n += run - pos;
                if (n > maxTokenChars) {
                    throw tooLong(maxTokenChars);
                }
                if (run < lim && sb == null) {
                    String word = new String(buf, pos, run - pos); // the usual case: the word is in the buffer
                    pos = run;
                    return word;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(buf, pos, run - pos);
            }
            pos = run;
            if (run < lim) {
                return keep ? (sb == null ? "" : sb.toString()) : "";
            }
        }
    }

    private void skipToEndOfLine() throws IOException {
        int c;
        while ((c = peek(0)) >= 0 && c != '\n') {
            pos++;
        }
    }

    private int read() throws IOException {
        if (pos < lim || fill(1)) {
            return buf[pos++];
        }
        return -1;
    }

    /** The character {@code ahead} places after the current one, or -1 past the end. */
    private int peek(int ahead) throws IOException {
        if (pos + ahead < lim || fill(ahead + 1)) {
            return buf[pos + ahead];
        }
        return -1;
    }

    /** Makes at least {@code n} characters available from {@code pos}; false at the end of the text. */
    private boolean fill(int n) throws IOException {
        while (lim - pos < n) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
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

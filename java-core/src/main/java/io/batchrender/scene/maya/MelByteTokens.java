package io.batchrender.scene.maya;

import io.batchrender.scene.maya.MelToken.Kind;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The tokens of one statement held as bytes, in a codeset where bytes below 0x80 are ASCII, by the
 * same rules as {@link MelTokenizer}: whitespace separates; {@code ;}, {@code (} and {@code )} stand
 * alone; {@code //} at a token's start comments to the end of the line; in strings
 * {@code \" \\ \n \t \r} are undone and other backslashes kept. Only the text of words and strings
 * is decoded, each once.
 */
final class MelByteTokens implements MelTokens {

    private final byte[] data;
    private final int length;
    private final Charset charset;
    private final String source;
    private final int statementLine;
    private int pos;
    private int line;
    private byte[] scratch = new byte[64];

    MelByteTokens(byte[] data, int length, Charset charset, String source, int firstLine) {
        this.data = data;
        this.length = length;
        this.charset = charset;
        this.source = source;
        this.statementLine = firstLine;
        this.line = firstLine;
    }

    @Override
    public MelToken next(boolean keep) {
        while (pos < length) {
            byte b = data[pos];
            if (b == '\n') {
                line++;
                pos++;
            } else if ((b & 0xff) <= ' ') {
                pos++;
            } else if (b == '/' && pos + 1 < length && data[pos + 1] == '/') {
                while (pos < length && data[pos] != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= length) {
            return null;
        }
        int start = line;
        byte b = data[pos];
        MelToken punctuation = MelToken.punctuation(b, start);
        if (punctuation != null) {
            pos++;
            return punctuation;
        }
        if (b == '"') {
            pos++;
            return new MelToken(Kind.STRING, string(start), start);
        }
        return new MelToken(Kind.WORD, word(), start);
    }

    private String word() {
        int from = pos;
        while (pos < length) {
            byte c = data[pos];
            if ((c & 0xff) <= ' ' || c == ';' || c == '"' || c == '(' || c == ')') {
                break;
            }
            pos++;
        }
        return decode(data, from, pos - from);
    }

    private String string(int startLine) {
        int n = 0;
        while (true) {
            if (pos >= length) {
                throw MelTokenizer.endsInString(source, startLine, statementLine);
            }
            byte c = data[pos++];
            if (c == '"') {
                return decode(scratch, 0, n);
            }
            if (c == '\n') {
                line++;
            } else if (c == '\\' && pos < length) {
                byte e = data[pos++];
                int undone = MelEscapes.undo(e);
                if (undone == MelEscapes.KEEP_BACKSLASH) {
                    if (e == '\n') {
                        line++;
                    }
                    n = put(n, (byte) '\\');
                    c = e;
                } else {
                    c = (byte) undone;
                }
            }
            n = put(n, c);
        }
    }

    private int put(int n, byte c) {
        if (n == scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, n * 2);
        }
        scratch[n] = c;
        return n + 1;
    }

    private String decode(byte[] bytes, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (bytes[i] < 0) {
                return new String(bytes, from, count, charset);
            }
        }
        return new String(bytes, from, count, StandardCharsets.ISO_8859_1); // ASCII: the cheapest exact decode
    }

    @Override
    public MayaSceneException tooLong(long limit) {
        return MelTokenizer.tooLong(source, statementLine, limit);
    }

    @Override
    public MayaSceneException truncated() {
        return MelTokenizer.truncated(source, statementLine);
    }
}

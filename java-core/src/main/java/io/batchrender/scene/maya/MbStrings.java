package io.batchrender.scene.maya;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * NUL-terminated strings inside Maya Binary chunks.
 *
 * <p>A Maya Binary file does not say its code page. Text is read as UTF-8 when it is valid UTF-8 (Maya on
 * Linux and macOS, and plain ASCII), else as Windows-1252 (Maya on a western Windows), so a name is never lost.
 */
final class MbStrings {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private MbStrings() {
    }

    /** The index of the first NUL at or after {@code from}, or {@code d.length} when there is none. */
    static int end(byte[] d, int from) {
        int i = Math.max(0, from);
        while (i < d.length && d[i] != 0) {
            i++;
        }
        return i;
    }

    /** The string from {@code from} to the next NUL (or the end of the data). */
    static String at(byte[] d, int from) {
        return from >= d.length ? "" : text(d, from, end(d, from));
    }

    static String text(byte[] d, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(d, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(d, from, to - from, WINDOWS_1252);
        }
    }

    /** Whether {@code d[from..to)} is non-empty and has no control characters: a name, not binary data. */
    static boolean isName(byte[] d, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if ((d[i] & 0xff) < 0x20 || d[i] == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static int int32(byte[] d, int at) {
        return ((d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }
}

package io.batchrender.scene.maya;

import java.util.Locale;

/**
 * How much of one statement (Maya ASCII) or one chunk (Maya Binary) a reader keeps in memory at most.
 *
 * <p>The default is 64 MiB or a sixteenth of the JVM's maximum heap, whichever is smaller, so that a damaged
 * file (a 100 MB "statement" with no {@code ;}) ends in a clear {@link MayaSceneException} whatever the heap,
 * never in an {@link OutOfMemoryError}. Statements that Maya writes stay far below it: it splits big arrays
 * into many {@code setAttr}s and long strings into {@code ( "a" + "b" )} pieces.
 */
final class ReadLimit {

    static final long MAX_DEFAULT = 64L << 20;

    /** What a kept token costs beyond its characters: roughly what Java spends on one small String in a list. */
    static final int TOKEN_OVERHEAD = 40;

    private ReadLimit() {
    }

    static long defaultLimit() {
        return Math.max(1L << 20, Math.min(MAX_DEFAULT, Runtime.getRuntime().maxMemory() / 16));
    }

    static long check(long limit) {
        if (limit < 1024) {
            throw new IllegalArgumentException("limit " + limit + " is below 1024");
        }
        return limit;
    }

    /** {@code 4 MB}, {@code 1.5 MB}, {@code 100 MB} (MiB, to one decimal). */
    static String megabytes(long n) {
        String s = String.format(Locale.ROOT, "%.1f", n / (double) (1L << 20));
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + " MB";
    }
}

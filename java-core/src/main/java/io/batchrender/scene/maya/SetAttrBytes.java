package io.batchrender.scene.maya;

import java.nio.charset.StandardCharsets;

/**
 * The attribute a {@code setAttr} statement sets, read from the first bytes of the statement without reading the
 * rest, so that the values of an attribute nobody reads (a mesh's vertex list) can be stepped over unread. Follows
 * {@link MayaAsciiCommands}'s reading: flags before the attribute ({@code -k off}, {@code -s 8}, {@code -type
 * "string"}, {@code -av}) are passed over, each with its argument when it takes one; the first other token is the
 * attribute. Returns null whenever the answer is not plain within the bytes given (an escape, parentheses, a
 * comment, a non-ASCII byte, the window ending first): the caller then reads the statement whole.
 */
final class SetAttrBytes {

    private SetAttrBytes() {
    }

    /** The attribute as written ({@code .ftn}, {@code .vt[0:7]}, {@code node.attr}) in {@code b[from, to)}, or null. */
    static String attribute(byte[] b, int from, int to) {
        long span = span(b, from, to);
        return span < 0 ? null : new String(b, start(span), end(span) - start(span), StandardCharsets.ISO_8859_1);
    }

    /**
     * Where {@link #attribute} lies, without making a string: {@code start << 32 | end} (ASCII bytes, no quotes), or -1.
     */
    static long span(byte[] b, int from, int to) {
        int i = from;
        boolean skipNext = false;
        while (true) {
            while (i < to && (b[i] & 0xff) <= ' ') {
                i++;
            }
            if (i >= to) {
                return -1;
            }
            byte c = b[i];
            if (c == ';' || c == '(' || c == ')' || c < 0 || (c == '/' && i + 1 < to && b[i + 1] == '/')) {
                return -1;
            }
            int start;
            int end;
            boolean string = c == '"';
            if (string) {
                start = ++i;
                while (i < to && b[i] != '"') {
                    if (b[i] == '\\' || b[i] < 0) {
                        return -1;
                    }
                    i++;
                }
                if (i >= to) {
                    return -1;
                }
                end = i++;
            } else {
                start = i;
                while (i < to && (b[i] & 0xff) > ' ' && b[i] != ';' && b[i] != '"' && b[i] != '(' && b[i] != ')') {
                    if (b[i] < 0) {
                        return -1;
                    }
                    i++;
                }
                end = i;
            }
            if (skipNext) { // a flag's argument
                skipNext = false;
                continue;
            }
            boolean flag = !string && end - start > 1 && b[start] == '-' && Character.isLetter(b[start + 1]);
            if (flag) {
                skipNext = takesArgument(b, start + 1, end);
                continue;
            }
            return (long) start << 32 | end;
        }
    }

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int end(long span) {
        return (int) span;
    }

    /** {@link MayaAsciiCommands#SET_ATTR_ARGS} as bytes. */
    private static final byte[][] FLAGS_WITH_ARGUMENT = MayaAsciiCommands.SET_ATTR_ARGS.stream()
            .map(f -> f.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /** Whether the flag named by {@code b[from, to)} (without its dash) is one of {@link #FLAGS_WITH_ARGUMENT}. */
    private static boolean takesArgument(byte[] b, int from, int to) {
        for (byte[] flag : FLAGS_WITH_ARGUMENT) {
            if (java.util.Arrays.equals(b, from, to, flag, 0, flag.length)) {
                return true;
            }
        }
        return false;
    }
}

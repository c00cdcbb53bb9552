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
        int i = from;
        boolean skipNext = false;
        while (true) {
            while (i < to && (b[i] & 0xff) <= ' ') {
                i++;
            }
            if (i >= to) {
                return null;
            }
            byte c = b[i];
            if (c == ';' || c == '(' || c == ')' || c < 0 || (c == '/' && i + 1 < to && b[i + 1] == '/')) {
                return null;
            }
            int start;
            int end;
            boolean string = c == '"';
            if (string) {
                start = ++i;
                while (i < to && b[i] != '"') {
                    if (b[i] == '\\' || b[i] < 0) {
                        return null;
                    }
                    i++;
                }
                if (i >= to) {
                    return null;
                }
                end = i++;
            } else {
                start = i;
                while (i < to && (b[i] & 0xff) > ' ' && b[i] != ';' && b[i] != '"' && b[i] != '(' && b[i] != ')') {
                    if (b[i] < 0) {
                        return null;
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
                skipNext = MayaAsciiCommands.SET_ATTR_ARGS.contains(
                        new String(b, start + 1, end - start - 1, StandardCharsets.ISO_8859_1));
                continue;
            }
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }
}

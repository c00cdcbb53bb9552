package io.batchrender.scene.maya;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The fast path for the commonest statement of a scene, {@code createNode TYPE [-s] [-ss] -n "NAME" [-p "PARENT"];},
 * read straight from its bytes with the rules of {@link MelArgs} (a flag in {@code -n -name -p -parent} takes the next
 * token unless that is a flag; the last occurrence of a flag wins). Anything this does not read exactly the way
 * {@link MelByteTokens} would (a backslash in a string, a {@code //} comment, parentheses, a non-ASCII flag, more
 * tokens than Maya writes) returns null, and the caller takes the general path.
 */
final class CreateNodeBytes {

    /** The parts of a createNode statement that the handlers see. */
    record CreateNode(String type, String name, Optional<String> parent, boolean skipSelect) {
    }

    private static final int MAX_TOKENS = 16;

    private CreateNodeBytes() {
    }

    /** Reads {@code s[0, length)}, a whole statement starting with {@code createNode}; null when not simple. */
    static CreateNode parse(byte[] s, int length, Charset charset) {
        int[] starts = new int[MAX_TOKENS];
        int[] ends = new int[MAX_TOKENS];
        boolean[] strings = new boolean[MAX_TOKENS];
        int count = 0;
        int i = 0;
        while (true) {
            while (i < length && (s[i] & 0xff) <= ' ') {
                i++;
            }
            if (i >= length) {
                return null; // no ';': not a whole statement
            }
            byte b = s[i];
            if (b == ';') {
                break;
            }
            if (b == '(' || b == ')' || count == MAX_TOKENS || (b == '/' && i + 1 < length && s[i + 1] == '/')) {
                return null;
            }
            if (b == '"') {
                int from = ++i;
                while (i < length && s[i] != '"') {
                    if (s[i] == '\\') {
                        return null;
                    }
                    i++;
                }
                if (i >= length) {
                    return null;
                }
                starts[count] = from;
                ends[count] = i++;
                strings[count++] = true;
            } else {
                int from = i;
                while (i < length && (s[i] & 0xff) > ' ' && s[i] != ';' && s[i] != '"' && s[i] != '('
                        && s[i] != ')') {
                    i++;
                }
                starts[count] = from;
                ends[count] = i;
                strings[count++] = false;
            }
        }
        String type = null;
        String n = null;
        String name = null;
        String p = null;
        String parent = null;
        boolean skipSelect = false;
        for (int t = 1; t < count; t++) { // token 0 is the command
            int flag = flagKind(s, starts[t], ends[t], strings[t]);
            if (flag == NOT_A_FLAG) {
                if (type == null) {
                    type = decode(s, starts[t], ends[t], charset);
                }
                continue;
            }
            if (flag == UNREADABLE) {
                return null;
            }
            boolean takesArgument = flag == N || flag == NAME || flag == P || flag == PARENT;
            String value = "";
            if (takesArgument && t + 1 < count && flagKind(s, starts[t + 1], ends[t + 1], strings[t + 1]) == NOT_A_FLAG) {
                t++;
                value = decode(s, starts[t], ends[t], charset);
            }
            switch (flag) {
                case N -> n = value;
                case NAME -> name = value;
                case P -> p = value;
                case PARENT -> parent = value;
                case SKIP_SELECT -> skipSelect = true;
                default -> {
                }
            }
        }
        if (type == null) {
            return null;
        }
        String nodeName = nonEmpty(n) != null ? n : nonEmpty(name) != null ? name : "";
        String parentName = nonEmpty(p) != null ? p : nonEmpty(parent);
        return new CreateNode(type, nodeName, Optional.ofNullable(parentName), skipSelect);
    }

    private static final int NOT_A_FLAG = 0;
    private static final int UNREADABLE = 1;
    private static final int OTHER = 2;
    private static final int N = 3;
    private static final int NAME = 4;
    private static final int P = 5;
    private static final int PARENT = 6;
    private static final int SKIP_SELECT = 7;

    /** What a token is as a flag: {@link MelToken#isFlag()} on bytes, and which of the flags createNode reads. */
    private static int flagKind(byte[] s, int from, int to, boolean string) {
        if (string || to - from < 2 || s[from] != '-') {
            return NOT_A_FLAG;
        }
        byte c = s[from + 1];
        if (c < 0) {
            return UNREADABLE; // a non-ASCII letter may or may not be a flag: let the general path decide
        }
        if (!Character.isLetter(c)) {
            return NOT_A_FLAG;
        }
        return switch (to - from) {
            case 2 -> c == 'n' ? N : c == 'p' ? P : OTHER;
            case 3 -> s[from + 1] == 's' && s[from + 2] == 's' ? SKIP_SELECT : OTHER;
            case 5 -> is(s, from, "-name") ? NAME : OTHER;
            case 7 -> is(s, from, "-parent") ? PARENT : OTHER;
            case 11 -> is(s, from, "-skipSelect") ? SKIP_SELECT : OTHER;
            default -> OTHER;
        };
    }

    private static boolean is(byte[] s, int from, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (s[from + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    private static String decode(byte[] s, int from, int to, Charset charset) {
        for (int k = from; k < to; k++) {
            if (s[k] < 0) {
                return new String(s, from, to - from, charset);
            }
        }
        return new String(s, from, to - from, StandardCharsets.ISO_8859_1);
    }
}

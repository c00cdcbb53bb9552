package io.batchrender.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) read into {@link Node}s that know their line. Gson's tree forgets where a
 * value was, and its messages speak of "path $.job.properties"; an artist fixing a template wants
 * "line 42: trailing comma before '}'". A byte-order mark is skipped; comments, single quotes,
 * trailing commas and duplicate keys are refused with the line to fix.
 */
final class JsonText {

    private final String text;
    private final String file;
    private final int[] lineStarts;
    private int pos;

    private JsonText(String text, String file) {
        this.text = text;
        this.file = file;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Reads one JSON value filling the whole text.
     *
     * @param file the file's name as the user gave it, for messages
     * @throws TemplateException naming the line of the first problem
     */
    static Node parse(String text, String file) {
        JsonText p = new JsonText(text, file);
        if (text.startsWith("\uFEFF")) {
            p.pos = 1;
        }
        p.skipSpace();
        if (p.atEnd()) {
            throw new TemplateException(file, 0, "the file is empty: it should hold one JSON object");
        }
        Node value = p.value();
        p.skipSpace();
        if (!p.atEnd()) {
            char c = p.peek();
            if (c == '}' || c == ']') {
                throw p.error(p.pos, "'" + c + "' after the end of the JSON: one '" + c + "' too many, or an earlier bracket closed too soon");
            }
            throw p.error(p.pos, "more text after the end of the JSON (which ended on line " + p.lineAt(p.pos - 1)
                    + "): a file holds one JSON object");
        }
        return value;
    }

    private Node value() {
        char c = peek();
        int line = lineAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new Node.Str(line, string());
            case 't':
            case 'f':
            case 'n':
                return literal();
            case '\'':
                throw error(pos, "strings take double quotes (\"...\"), not single quotes");
            case '/':
                throw error(pos, "JSON has no comments: remove the comment (or put the note in a \"description\")");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error(pos, "unexpected '" + c + "' where a value should be: a value is a string in double quotes,"
                        + " a number, true, false, null, an object or an array");
        }
    }

    private Node.Obj object() {
        int open = pos;
        pos++;
        List<Node.Member> members = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        skipSpace();
        if (!atEnd() && peek() == '}') {
            pos++;
            return new Node.Obj(lineAt(open), members);
        }
        while (true) {
            skipSpace();
            requireMore(open, '{');
            char c = peek();
            if (c != '"') {
                if (c == ']') {
                    throw mismatch(open, '{', '}');
                }
                throw error(pos, "expected a member name in double quotes, got '" + c + "'"
                        + (c == '\'' ? ": use double quotes" : ""));
            }
            int keyPos = pos;
            String key = string();
            skipSpace();
            requireMore(open, '{');
            if (peek() != ':') {
                throw error(pos, "expected ':' after the member name \"" + key + "\"");
            }
            pos++;
            skipSpace();
            requireMore(open, '{');
            Node value = value();
            int valueEnd = pos;
            Integer before = seen.put(key, lineAt(keyPos));
            if (before != null) {
                throw error(keyPos, "\"" + key + "\" appears twice in this object (also on line " + before + "): keep one");
            }
            members.add(new Node.Member(key, lineAt(keyPos), value));
            skipSpace();
            requireMore(open, '{');
            c = peek();
            if (c == '}') {
                pos++;
                return new Node.Obj(lineAt(open), members);
            }
            if (c == ',') {
                int comma = pos;
                pos++;
                skipSpace();
                requireMore(open, '{');
                if (peek() == '}') {
                    throw error(comma, "trailing comma before '}': remove the ',' after the last member");
                }
                continue;
            }
            if (c == ']') {
                throw mismatch(open, '{', '}');
            }
            throw error(valueEnd - 1, "missing ',' after the member \"" + key + "\" (the next one starts on line "
                    + lineAt(pos) + ")");
        }
    }

    private Node.Arr array() {
        int open = pos;
        pos++;
        List<Node> items = new ArrayList<>();
        skipSpace();
        if (!atEnd() && peek() == ']') {
            pos++;
            return new Node.Arr(lineAt(open), items);
        }
        while (true) {
            skipSpace();
            requireMore(open, '[');
            if (peek() == '}') {
                throw mismatch(open, '[', ']');
            }
            items.add(value());
            int valueEnd = pos;
            skipSpace();
            requireMore(open, '[');
            char c = peek();
            if (c == ']') {
                pos++;
                return new Node.Arr(lineAt(open), items);
            }
            if (c == ',') {
                int comma = pos;
                pos++;
                skipSpace();
                requireMore(open, '[');
                if (peek() == ']') {
                    throw error(comma, "trailing comma before ']': remove the ',' after the last item");
                }
                continue;
            }
            if (c == '}') {
                throw mismatch(open, '[', ']');
            }
            throw error(valueEnd - 1, "missing ',' between the items of the array opened on line " + lineAt(open));
        }
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error(start, "the string is never closed: add the missing '\"'");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\n' || c == '\r') {
                throw error(start, "the string is not closed on its line: add the missing '\"' (write \\n for a line break)");
            }
            if (c < 0x20) {
                throw error(pos, "a control character inside a string: write it as \\t or \\u00XX");
            }
            if (c == '\\') {
                if (pos + 1 >= text.length()) {
                    throw error(start, "the string is never closed: add the missing '\"'");
                }
                char e = text.charAt(pos + 1);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 6 > text.length() || !isHex(text.substring(pos + 2, pos + 6))) {
                            throw error(pos, "\\u must be followed by four hex digits");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                        pos += 4;
                    }
                    default -> throw error(pos, "'\\" + e + "' is not a JSON escape: write '\\\\' for a backslash"
                            + " (e.g. \"C:\\\\scenes\\\\shot.ma\")");
                }
                pos += 2;
                continue;
            }
            out.append(c);
            pos++;
        }
    }

    private Node.Num number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (atEnd() || !isDigit(peek())) {
            throw error(start, "a '-' must be followed by digits");
        }
        if (peek() == '0' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
            throw error(start, "numbers may not start with 0 (write 7, not 07; quote it if it is a name: \"07\")");
        }
        while (!atEnd() && isDigit(peek())) {
            pos++;
        }
        if (!atEnd() && peek() == '.') {
            pos++;
            if (atEnd() || !isDigit(peek())) {
                throw error(start, "a '.' in a number must be followed by digits");
            }
            while (!atEnd() && isDigit(peek())) {
                pos++;
            }
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            pos++;
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                pos++;
            }
            if (atEnd() || !isDigit(peek())) {
                throw error(start, "an exponent in a number must have digits");
            }
            while (!atEnd() && isDigit(peek())) {
                pos++;
            }
        }
        try {
            return new Node.Num(lineAt(start), new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw error(start, "the number " + text.substring(start, Math.min(pos, start + 30)) + " is out of range");
        }
    }

    private Node literal() {
        int start = pos;
        while (!atEnd() && Character.isLetterOrDigit(peek())) {
            pos++;
        }
        String word = text.substring(start, pos);
        int line = lineAt(start);
        switch (word) {
            case "true":
                return new Node.Bool(line, true);
            case "false":
                return new Node.Bool(line, false);
            case "null":
                return new Node.Null(line);
            default:
                throw error(start, "unexpected word '" + word + "': put text in double quotes (\"" + word + "\")");
        }
    }

    private void skipSpace() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void requireMore(int open, char bracket) {
        if (atEnd()) {
            char close = bracket == '{' ? '}' : ']';
            throw error(open, "the '" + bracket + "' opened here is never closed (the file ends on line "
                    + lineAt(text.length() - 1) + "): add the missing '" + close + "'");
        }
    }

    private TemplateException mismatch(int open, char bracket, char expected) {
        return error(pos, "'" + peek() + "' does not match the '" + bracket + "' opened on line " + lineAt(open)
                + ": close it with '" + expected + "'");
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private int lineAt(int index) {
        int i = Arrays.binarySearch(lineStarts, Math.max(0, index));
        return i >= 0 ? i + 1 : -i - 1;
    }

    private TemplateException error(int at, String message) {
        return new TemplateException(file, lineAt(at), message);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}

package io.batchrender.templates;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.common.base.CharMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict JSON (RFC 8259) read by Jackson's streaming parser into {@link Node}s that know their
 * line. Jackson is strict by default (no comments, single quotes, trailing commas, leading zeros
 * or bad escapes) and reports where it stopped; this class turns that into a message an artist can
 * act on ("line 42: trailing comma before '}'"), refuses duplicate keys, and skips a byte-order
 * mark. A file holds one value: text after it is refused.
 */
final class JsonText {

    private static final CharMatcher NOT_SPACE = CharMatcher.anyOf(" \t\n\r").negate();
    private static final Pattern LINE_END = Pattern.compile("\n|\r(?!\n)");
    private static final Pattern VALUE_EXPECTED = Pattern.compile(
            "valid value|expected a value|^Unrecognized token|^Non-standard token|plus sign|^Unexpected close marker");
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private final String text;
    private final String file;
    private final JsonParser parser;
    /** Where the objects and arrays being read were opened, innermost first: for messages. */
    private final Deque<Integer> open = new ArrayDeque<>();

    private JsonText(String text, String file, JsonParser parser) {
        this.text = text;
        this.file = file;
        this.parser = parser;
    }

    /**
     * Reads one JSON value filling the whole text.
     *
     * @param file the file's name as the user gave it, for messages
     * @throws TemplateException naming the line of the first problem
     */
    static Node parse(String text, String file) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonText reader = new JsonText(body, file, parser);
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new TemplateException(file, 0, "the file is empty: it should hold one JSON object");
                }
                Node value = reader.value(first);
                reader.refuseTextAfter((int) parser.currentLocation().getCharOffset());
                return value;
            } catch (JsonProcessingException e) {
                throw reader.explain(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: the text is in memory
        }
    }

    private Node value(JsonToken token) throws IOException {
        int at = (int) parser.currentTokenLocation().getCharOffset();
        int line = parser.currentTokenLocation().getLineNr();
        return switch (token) {
            case START_OBJECT -> object(at, line);
            case START_ARRAY -> array(at, line);
            case VALUE_STRING -> new Node.Str(line, parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(at, line);
            case VALUE_TRUE, VALUE_FALSE -> new Node.Bool(line, token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> new Node.Null(line);
            default -> throw new IllegalStateException("Jackson gave " + token + " where a value starts");
        };
    }

    private Node.Num number(int at, int line) throws IOException {
        try {
            return new Node.Num(line, parser.getDecimalValue());
        } catch (NumberFormatException e) {
            String number = parser.getText();
            throw error(at, "the number " + number.substring(0, Math.min(number.length(), 30)) + " is out of range");
        }
    }

    private Node.Obj object(int at, int line) throws IOException {
        open.push(at);
        List<Node.Member> members = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            Node value = value(parser.nextToken());
            Integer before = seen.put(key, keyLine);
            if (before != null) {
                throw new TemplateException(file, keyLine, "\"" + key + "\" appears twice in this object (also on line "
                        + before + "): keep one");
            }
            members.add(new Node.Member(key, keyLine, value));
        }
        open.pop();
        return new Node.Obj(line, members);
    }

    private Node.Arr array(int at, int line) throws IOException {
        open.push(at);
        List<Node> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(value(t));
        }
        open.pop();
        return new Node.Arr(line, items);
    }

    private void refuseTextAfter(int end) {
        int next = NOT_SPACE.indexIn(text, end);
        if (next >= 0) {
            char c = text.charAt(next);
            if (c == '}' || c == ']') {
                throw error(next, "'" + c + "' after the end of the JSON: one '" + c + "' too many, or an earlier bracket"
                        + " closed too soon");
            }
            throw error(next, "more text after the end of the JSON (which ended on line " + lineAt(end - 1)
                    + "): a file holds one JSON object");
        }
    }

    /** Jackson's complaint as the line to fix and what to do there. */
    private TemplateException explain(JsonProcessingException j) {
        String m = j.getOriginalMessage();
        int at = j.getLocation() == null ? text.length() : (int) Math.min(j.getLocation().getCharOffset(), text.length());
        char c = at < text.length() ? text.charAt(at) : '\0';
        int before = NOT_SPACE.lastIndexIn(text.subSequence(0, at));
        Integer inside = open.peek();
        char bracket = inside == null ? ' ' : text.charAt(inside);
        char close = bracket == '{' ? '}' : ']';
        // inside a string or a number: Jackson stops on the character to fix
        if (m.contains("closing quote") || m.contains("end-of-input in character escape") || m.contains("end-of-input in field name")) {
            return error(at, "the string is never closed: add the missing '\"'");
        }
        if (m.contains("minus sign") || m.contains("following sign") || m.startsWith("Non-standard token '-")) {
            return error(at, "a '-' must be followed by digits");
        }
        if (m.contains("Leading zeroes")) {
            return error(at, "numbers may not start with 0 (write 7, not 07; quote it if it is a name: \"07\")");
        }
        if (m.contains("Decimal point not followed")) {
            return error(at, "a '.' in a number must be followed by digits");
        }
        if (m.contains("Exponent indicator not followed")) {
            return error(at, "an exponent in a number must have digits");
        }
        if (m.contains("hex-digit")) {
            return error(at, "\\u must be followed by four hex digits");
        }
        if (m.contains("CTRL-CHAR")) {
            return c == '\n' || c == '\r'
                    ? error(at, "the string is not closed on its line: add the missing '\"' (write \\n for a line break)")
                    : error(at, "a control character inside a string: write it as \\t or \\u00XX");
        }
        if (m.startsWith("Unrecognized character escape")) {
            return error(at, "'\\" + c + "' is not a JSON escape: write '\\\\' for a backslash (e.g. \"C:\\\\scenes\\\\shot.ma\")");
        }
        if (m.contains("comment")) {
            return error(at, "JSON has no comments: remove the comment (or put the note in a \"description\")");
        }
        // between values: what Jackson expected next
        if (m.contains("end-of-input") && inside != null) {
            return error(inside, "the '" + bracket + "' opened here is never closed (the file ends on line "
                    + lineAt(text.length() - 1) + "): add the missing '" + close + "'");
        }
        boolean mismatch = (c == '}' || c == ']') && c != close && inside != null;
        if (m.contains("start field name")) {
            if (c == '}' && text.charAt(before) == ',') {
                return error(before, "trailing comma before '}': remove the ',' after the last member");
            }
            return mismatch ? mismatch(at, inside) : error(at, "expected a member name in double quotes, got '" + c + "'"
                    + (c == '\'' ? ": use double quotes" : ""));
        }
        if (m.contains("a colon")) {
            return error(at, "expected ':' after the member name \"" + parser.getParsingContext().getCurrentName() + "\"");
        }
        if (m.contains("comma to separate Object")) {
            return error(before, "missing ',' after the member \"" + parser.getParsingContext().getCurrentName()
                    + "\" (the next one starts on line " + lineAt(at) + ")");
        }
        if (m.contains("comma to separate Array")) {
            return error(before, "missing ',' between the items of the array opened on line " + lineAt(inside));
        }
        if (m.startsWith("Unexpected close marker") && inside != null) {
            return mismatch(at, inside);
        }
        if (!VALUE_EXPECTED.matcher(m).find()) {
            return error(at, m.replace('\n', ' ')); // a limit (nesting depth, length): Jackson's words are the clearest
        }
        // a value was expected
        if (bracket == '[' && c == ']' && text.charAt(before) == ',') {
            return error(before, "trailing comma before ']': remove the ',' after the last item");
        }
        if (bracket == '[' && mismatch) {
            return mismatch(at, inside);
        }
        if (m.startsWith("Unrecognized token '") || m.startsWith("Non-standard token '")) {
            String token = m.substring(m.indexOf('\'') + 1);
            String word = token.split("[^\\p{IsLetter}\\p{IsDigit}]", 2)[0];
            if (!word.isEmpty() && "tfn".indexOf(word.charAt(0)) >= 0) {
                return error(at, "unexpected word '" + word + "': put text in double quotes (\"" + word + "\")");
            }
            c = token.charAt(0);
        }
        if (m.contains("plus sign")) {
            c = '+';
        }
        if (c == '\'') {
            return error(at, "strings take double quotes (\"...\"), not single quotes");
        }
        return error(at, "unexpected '" + c + "' where a value should be: a value is a string in double quotes,"
                + " a number, true, false, null, an object or an array");
    }

    private TemplateException mismatch(int at, int inside) {
        char bracket = text.charAt(inside);
        return error(at, "'" + text.charAt(at) + "' does not match the '" + bracket + "' opened on line " + lineAt(inside)
                + ": close it with '" + (bracket == '{' ? '}' : ']') + "'");
    }

    /** The 1-based line of the character at {@code index}, counting line ends as Jackson does (CRLF, CR or LF). */
    private int lineAt(int index) {
        return (int) LINE_END.matcher(text).region(0, Math.min(index, text.length())).useTransparentBounds(true)
                .results().count() + 1;
    }

    private TemplateException error(int at, String message) {
        return new TemplateException(file, lineAt(Math.max(at, 0)), message);
    }
}

package io.batchrender.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one template expression inside a string, from its {@code [} to the matching {@code ]}:
 * <pre>
 *   expression := primary ( '[' expression ']' | '.' name )*
 *   primary    := 'text' (with '' for a quote) | "text" | whole number | name '(' [expression (',' expression)*] ')'
 * </pre>
 */
final class ExpressionParser {

    /** An expression that does not parse; the message says what is missing. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The expression and the index just after its closing {@code ]}. */
    record Parsed(Expr expr, int end) {
    }

    private final String s;
    private int pos;

    private ExpressionParser(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    /**
     * True when the {@code [} at {@code open} starts an expression: a name followed by {@code (}, as in
     * {@code [parameters(}. Other brackets ({@code [ -f x ]}, {@code [0-9]}) are text.
     */
    static boolean startsExpression(String s, int open) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length() || !Character.isLetter(s.charAt(i))) {
            return false;
        }
        while (i < s.length() && isNameChar(s.charAt(i))) {
            i++;
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i < s.length() && s.charAt(i) == '(';
    }

    /** Parses the expression whose {@code [} is at {@code open}. */
    static Parsed parse(String s, int open) {
        ExpressionParser p = new ExpressionParser(s, open + 1);
        Expr e = p.expression();
        p.space();
        if (p.pos >= s.length()) {
            throw new Malformed("missing ']' at the end of the expression");
        }
        if (s.charAt(p.pos) != ']') {
            throw new Malformed("unexpected '" + s.charAt(p.pos) + "' after " + e + ": expected ']' to end the expression");
        }
        return new Parsed(e, p.pos + 1);
    }

    private Expr expression() {
        Expr e = primary();
        while (true) {
            space();
            if (pos < s.length() && s.charAt(pos) == '[') {
                pos++;
                Expr key = expression();
                space();
                if (pos >= s.length() || s.charAt(pos) != ']') {
                    throw new Malformed("missing ']' after the index [" + key + "");
                }
                pos++;
                e = new Expr.Index(e, key);
            } else if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                space();
                String name = name();
                if (name.isEmpty()) {
                    throw new Malformed("a member name must follow '.' after " + e);
                }
                e = new Expr.Member(e, name);
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        space();
        if (pos >= s.length()) {
            throw new Malformed("the expression ends where a value should be: add the missing part and ']'");
        }
        char c = s.charAt(pos);
        if (c == '\'' || c == '"') {
            return new Expr.Literal(new Node.Str(0, quoted(c)));
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (digits.equals("-")) {
                throw new Malformed("a '-' must be followed by digits");
            }
            return new Expr.Literal(new Node.Num(0, new BigDecimal(digits)));
        }
        if (Character.isLetter(c)) {
            String name = name();
            space();
            if (pos >= s.length() || s.charAt(pos) != '(') {
                throw new Malformed("'" + name + "' must be a function call such as " + name + "(...),"
                        + " or text in quotes ('" + name + "')");
            }
            pos++;
            List<Expr> args = new ArrayList<>();
            space();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
                return new Expr.Call(name, args);
            }
            while (true) {
                args.add(expression());
                space();
                if (pos >= s.length()) {
                    throw new Malformed("missing ')' to close " + name + "(");
                }
                char next = s.charAt(pos);
                if (next == ',') {
                    pos++;
                } else if (next == ')') {
                    pos++;
                    return new Expr.Call(name, args);
                } else {
                    throw new Malformed("missing ')' to close " + name + "( (found '" + next + "' after "
                            + args.get(args.size() - 1) + ")");
                }
            }
        }
        throw new Malformed("unexpected '" + c + "': expected 'text', a number or a function such as parameters('name')");
    }

    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == quote) {
                if (quote == '\'' && pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                    out.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                return out.toString();
            }
            out.append(c);
            pos++;
        }
        throw new Malformed("the text " + s.substring(start, Math.min(s.length(), start + 30)) + " is never closed:"
                + " add the missing " + quote);
    }

    private String name() {
        int start = pos;
        while (pos < s.length() && isNameChar(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private void space() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

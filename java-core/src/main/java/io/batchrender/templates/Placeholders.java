package io.batchrender.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code {...}} placeholders of the task factories, in every string of a task (keys excepted):
 * {@code {0}}, {@code {1:4}} in a parametric sweep, {@code {fileName}} and friends in a
 * task-per-file. {@code {{} and {@code }}} are literal braces; any other brace is an error, as in the
 * Batch CLI extensions, so a typo never reaches a node as a half-substituted command line.
 */
final class Placeholders {

    /** What one placeholder stands for. */
    interface Resolver {
        /**
         * The text for {@code {inside}}, or null when {@code inside} is not a placeholder here.
         *
         * @throws Bad when it is one but cannot be used (index beyond the sets, bad padding)
         */
        String resolve(String inside);

        /** The placeholders this resolver knows, for messages. */
        String known();
    }

    /** A placeholder that cannot be substituted; the message says why. */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message);
        }
    }

    private Placeholders() {
    }

    /** The node with the placeholders in all its strings substituted (the same node when there were none). */
    static Node apply(Node n, Resolver r, String file) {
        if (n instanceof Node.Obj o) {
            List<Node.Member> out = new ArrayList<>(o.members().size());
            boolean changed = false;
            for (Node.Member m : o.members()) {
                Node v = apply(m.value(), r, file);
                changed |= v != m.value();
                out.add(v == m.value() ? m : new Node.Member(m.key(), m.line(), v));
            }
            return changed ? new Node.Obj(o.line(), out) : o;
        }
        if (n instanceof Node.Arr a) {
            List<Node> out = new ArrayList<>(a.items().size());
            boolean changed = false;
            for (Node item : a.items()) {
                Node v = apply(item, r, file);
                changed |= v != item;
                out.add(v);
            }
            return changed ? new Node.Arr(a.line(), out) : a;
        }
        if (n instanceof Node.Str s) {
            String v = s.value();
            if (v.indexOf('{') < 0 && v.indexOf('}') < 0) {
                return s;
            }
            try {
                return new Node.Str(s.line(), substitute(v, r));
            } catch (Bad e) {
                throw new TemplateException(file, s.line(), "in " + Nodes.show(v) + ": " + e.getMessage());
            }
        }
        return n;
    }

    static String substitute(String s, Resolver r) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{') {
                if (i + 1 < n && s.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int close = s.indexOf('}', i + 1);
                String inside = close < 0 ? null : s.substring(i + 1, close);
                String value = inside == null || inside.indexOf('{') >= 0 ? null : r.resolve(inside);
                if (value == null) {
                    String what = close < 0 ? "a '{' without '}'" : "'{" + inside + "}' is not a placeholder here";
                    throw new Bad(what + " (placeholders: " + r.known() + "): write {{ and }} for literal braces");
                }
                out.append(value);
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < n && s.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new Bad("a '}' without '{' (placeholders: " + r.known() + "): write }} for a literal brace");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** {@code {0}} .. {@code {n-1}} for the values of one sweep task, {@code {i:w}} zero-padded to w (1-9). */
    static Resolver sweep(long[] values) {
        return new Resolver() {
            @Override
            public String resolve(String inside) {
                int colon = inside.indexOf(':');
                String index = colon < 0 ? inside : inside.substring(0, colon);
                if (!isDigits(index) || (colon >= 0 && !isDigits(inside.substring(colon + 1)))) {
                    return null;
                }
                if (index.length() > 9 || Integer.parseInt(index) >= values.length) {
                    throw new Bad("{" + inside + "} refers to parameter set " + index + ", but the sweep has "
                            + values.length + " (" + known() + ")");
                }
                long v = values[Integer.parseInt(index)];
                if (colon < 0) {
                    return Long.toString(v);
                }
                String width = inside.substring(colon + 1);
                int w = width.length() > 1 ? 10 : Integer.parseInt(width);
                if (w < 1 || w > 9) {
                    throw new Bad("{" + inside + "}: the padding is 1 to 9 digits, e.g. {" + index + ":4}");
                }
                if (v < 0) {
                    throw new Bad("{" + inside + "}: cannot zero-pad the negative value " + v + ": use {" + index + "}");
                }
                String digits = Long.toString(v);
                return digits.length() >= w ? digits : "0".repeat(w - digits.length()) + digits;
            }

            @Override
            public String known() {
                return values.length == 1 ? "{0}, {0:4} to zero-pad" : "{0} to {" + (values.length - 1) + "}, {0:4} to zero-pad";
            }
        };
    }

    /** {@code {url}}, {@code {filePath}}, {@code {fileName}}, {@code {fileNameWithoutExtension}} of one file. */
    static Resolver file(SourceFile f) {
        return new Resolver() {
            @Override
            public String resolve(String inside) {
                return switch (inside) {
                    case "url" -> f.url();
                    case "filePath" -> f.name();
                    case "fileName" -> f.fileName();
                    case "fileNameWithoutExtension" -> f.fileNameWithoutExtension();
                    default -> null;
                };
            }

            @Override
            public String known() {
                return "{url}, {filePath}, {fileName}, {fileNameWithoutExtension}";
            }
        };
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

package io.batchrender.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON value read from a template, with the line it starts on, so that every error found while
 * expanding the template can name the line to fix. Immutable; {@link Nodes} converts to and from
 * Gson.
 */
sealed interface Node {

    /** The 1-based line the value starts on (for a value made by an expression: the expression's line). */
    int line();

    /** A member of an object: its key, the line of the key, and its value. */
    record Member(String key, int line, Node value) {
    }

    record Obj(int line, List<Member> members) implements Node {
        public Obj {
            members = List.copyOf(members);
        }

        Member member(String key) {
            for (Member m : members) {
                if (m.key().equals(key)) {
                    return m;
                }
            }
            return null;
        }

        Node get(String key) {
            Member m = member(key);
            return m == null ? null : m.value();
        }

        boolean has(String key) {
            return member(key) != null;
        }

        /** This object with {@code key} set to {@code value}: replaced in place, or added last. */
        Obj with(String key, Node value) {
            List<Member> out = new ArrayList<>(members.size() + 1);
            boolean replaced = false;
            for (Member m : members) {
                if (m.key().equals(key)) {
                    out.add(new Member(key, m.line(), value));
                    replaced = true;
                } else {
                    out.add(m);
                }
            }
            if (!replaced) {
                out.add(new Member(key, value.line(), value));
            }
            return new Obj(line, out);
        }

        Obj without(String key) {
            List<Member> out = new ArrayList<>(members.size());
            for (Member m : members) {
                if (!m.key().equals(key)) {
                    out.add(m);
                }
            }
            return new Obj(line, out);
        }

        List<String> keys() {
            return members.stream().map(Member::key).toList();
        }
    }

    record Arr(int line, List<Node> items) implements Node {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Str(int line, String value) implements Node {
    }

    record Num(int line, BigDecimal value) implements Node {
        /** True when the number is whole and fits a {@code long}. */
        boolean isLong() {
            try {
                value.longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        long asLong() {
            return value.longValueExact();
        }
    }

    record Bool(int line, boolean value) implements Node {
    }

    record Null(int line) implements Node {
    }
}

package io.batchrender.templates;

import java.util.List;
import java.util.stream.Collectors;

/** A parsed template expression, the part between {@code [} and {@code ]}. */
sealed interface Expr {

    /** A string literal ({@code 'text'}) or a whole number. */
    record Literal(Node value) implements Expr {
        @Override
        public String toString() {
            return value instanceof Node.Str s ? "'" + s.value().replace("'", "''") + "'" : Nodes.asText(value);
        }
    }

    /** {@code name(arg, ...)}. */
    record Call(String name, List<Expr> args) implements Expr {
        @Override
        public String toString() {
            return name + "(" + args.stream().map(Expr::toString).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code target[key]}: an object's member or an array's item. */
    record Index(Expr target, Expr key) implements Expr {
        @Override
        public String toString() {
            return target + "[" + key + "]";
        }
    }

    /** {@code target.name}: an object's member. */
    record Member(Expr target, String name) implements Expr {
        @Override
        public String toString() {
            return target + "." + name;
        }
    }
}

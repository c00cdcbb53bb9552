package io.batchrender.templates;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the expressions in a template's strings (never in keys). A string that is one whole
 * expression ({@code "[parameters('jobPriority')]"}) becomes the expression's value with its type:
 * a number, a bool, an object. Expressions inside a longer string are replaced by their text, as the
 * Batch CLI extensions do ({@code "-s [parameters('frameStart')]"}). {@code [[} is a literal
 * {@code [}; a {@code [} not followed by a function call ({@code [ -f x ]}) is kept as text.
 */
final class Evaluator {

    static final List<String> FUNCTIONS = List.of("parameters", "variables", "concat");
    private static final int SHOWN = 60;

    private final String file;
    private final Map<String, JsonElement> parameters;
    private final Node.Obj variables;
    private final Map<String, Node> variableValues = new HashMap<>();
    private final Set<String> evaluating = new LinkedHashSet<>();

    Evaluator(Template template, Map<String, JsonElement> parameters) {
        this.file = template.file();
        this.parameters = parameters;
        this.variables = template.variables();
    }

    /** The value with every expression in its strings evaluated. */
    Node evaluate(Node n) {
        if (n instanceof Node.Obj o) {
            List<Node.Member> out = new ArrayList<>(o.members().size());
            for (Node.Member m : o.members()) {
                Node v = evaluate(m.value());
                if (m.value() instanceof Node.Str) { // a literal "2" in a count too, as the extensions' typed models read it
                    v = BatchFieldTypes.coerce(m.key(), v);
                }
                out.add(new Node.Member(m.key(), m.line(), v));
            }
            return new Node.Obj(o.line(), out);
        }
        if (n instanceof Node.Arr a) {
            List<Node> out = new ArrayList<>(a.items().size());
            for (Node item : a.items()) {
                out.add(evaluate(item));
            }
            return new Node.Arr(a.line(), out);
        }
        if (n instanceof Node.Str s) {
            return string(s);
        }
        return n;
    }

    private Node string(Node.Str s) {
        String v = s.value();
        if (v.indexOf('[') < 0) {
            return s;
        }
        int line = s.line();
        if (ExpressionParser.startsExpression(v, 0)) {
            ExpressionParser.Parsed whole = parse(v, 0, line);
            if (whole.end() == v.length()) {
                return eval(whole.expr(), line);
            }
        }
        StringBuilder out = new StringBuilder(v.length());
        int i = 0;
        while (true) {
            int open = v.indexOf('[', i);
            if (open < 0) {
                out.append(v, i, v.length());
                break;
            }
            out.append(v, i, open);
            if (open + 1 < v.length() && v.charAt(open + 1) == '[') {
                out.append('[');
                i = open + 2;
            } else if (ExpressionParser.startsExpression(v, open)) {
                ExpressionParser.Parsed p = parse(v, open, line);
                out.append(Nodes.asText(eval(p.expr(), line)));
                i = p.end();
            } else {
                out.append('[');
                i = open + 1;
            }
        }
        return new Node.Str(line, out.toString());
    }

    private ExpressionParser.Parsed parse(String v, int open, int line) {
        try {
            return ExpressionParser.parse(v, open);
        } catch (ExpressionParser.Malformed e) {
            String text = v.substring(open);
            throw new TemplateException(file, line, "malformed expression " + (text.length() > SHOWN
                    ? text.substring(0, SHOWN - 3) + "..." : text) + ": " + e.getMessage());
        }
    }

    private Node eval(Expr e, int line) {
        if (e instanceof Expr.Literal l) {
            return l.value() instanceof Node.Str s ? new Node.Str(line, s.value())
                    : new Node.Num(line, ((Node.Num) l.value()).value());
        }
        if (e instanceof Expr.Index ix) {
            Node target = eval(ix.target(), line);
            Node key = eval(ix.key(), line);
            if (target instanceof Node.Obj o && key instanceof Node.Str k) {
                return member(o, k.value(), ix, line);
            }
            if (target instanceof Node.Arr a && key instanceof Node.Num n && n.isLong()) {
                if (n.asLong() < 0 || n.asLong() >= a.items().size()) {
                    throw error(line, "[" + ix + "]: index " + n.asLong() + " is outside the array's "
                            + a.items().size() + " items (the first is 0)");
                }
                return a.items().get((int) n.asLong());
            }
            throw error(line, "[" + ix + "]: cannot take [" + Nodes.asText(key) + "] of " + Nodes.kind(target)
                    + ": an object takes a name, an array a number");
        }
        if (e instanceof Expr.Member m) {
            Node target = eval(m.target(), line);
            if (target instanceof Node.Obj o) {
                return member(o, m.name(), m, line);
            }
            throw error(line, "[" + m + "]: " + m.target() + " is " + Nodes.kind(target) + ", which has no member '"
                    + m.name() + "'");
        }
        Expr.Call call = (Expr.Call) e;
        switch (call.name()) {
            case "parameters":
                return parameter(call, line);
            case "variables":
                return variable(call, line);
            case "concat":
                return concat(call, line);
            default:
                throw error(line, "unknown function '" + call.name() + "' in [" + call + "]: use parameters(), variables() or concat()"
                        + ParameterResolver.closest(call.name(), FUNCTIONS).map(f -> " (did you mean " + f + "?)").orElse("")
                        + "; if the '[' is text, write '[['");
        }
    }

    private Node parameter(Expr.Call call, int line) {
        String name = nameArgument(call, line);
        JsonElement value = parameters.get(name);
        if (value == null) {
            throw error(line, "[" + call + "] names no parameter of this template: "
                    + ParameterResolver.closest(name, parameters.keySet()).map(g -> "did you mean '" + g + "'? ").orElse("")
                    + (parameters.isEmpty() ? "declare it in \"parameters\""
                    : "it has " + String.join(", ", parameters.keySet())));
        }
        return Nodes.fromGson(value, line);
    }

    private Node variable(Expr.Call call, int line) {
        String name = nameArgument(call, line);
        Node cached = variableValues.get(name);
        if (cached != null) {
            return cached;
        }
        Node.Member def = variables.member(name);
        if (def == null) {
            throw error(line, "[" + call + "] names no variable of this template: "
                    + ParameterResolver.closest(name, variables.keys()).map(g -> "did you mean '" + g + "'? ").orElse("")
                    + (variables.members().isEmpty() ? "declare it in \"variables\""
                    : "it has " + String.join(", ", variables.keys())));
        }
        if (!evaluating.add(name)) {
            throw error(def.line(), "variable '" + name + "' refers to itself (" + String.join(" -> ", evaluating) + " -> "
                    + name + "): break the loop");
        }
        try {
            Node value = evaluate(def.value());
            variableValues.put(name, value);
            return value;
        } finally {
            evaluating.remove(name);
        }
    }

    private Node concat(Expr.Call call, int line) {
        List<Node> values = new ArrayList<>();
        for (Expr arg : call.args()) {
            values.add(eval(arg, line));
        }
        if (!values.isEmpty() && values.stream().allMatch(v -> v instanceof Node.Arr)) {
            List<Node> items = new ArrayList<>();
            values.forEach(v -> items.addAll(((Node.Arr) v).items()));
            return new Node.Arr(line, items);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            Node v = values.get(i);
            if (v instanceof Node.Obj || v instanceof Node.Arr) {
                throw error(line, "[" + call + "]: concat joins text and numbers (or only arrays), but "
                        + call.args().get(i) + " is " + Nodes.kind(v));
            }
            out.append(Nodes.asText(v));
        }
        return new Node.Str(line, out.toString());
    }

    private String nameArgument(Expr.Call call, int line) {
        if (call.args().size() != 1) {
            throw error(line, "[" + call + "]: " + call.name() + "() takes one name, e.g. " + call.name() + "('name')");
        }
        Node arg = eval(call.args().get(0), line);
        if (!(arg instanceof Node.Str s)) {
            throw error(line, "[" + call + "]: " + call.name() + "() takes a name in quotes, e.g. " + call.name() + "('name')");
        }
        return s.value();
    }

    private Node member(Node.Obj o, String name, Expr where, int line) {
        Node v = o.get(name);
        if (v == null) {
            throw error(line, "[" + where + "]: no member '" + name + "' there"
                    + (o.members().isEmpty() ? "" : " (it has " + String.join(", ", o.keys()) + ")"));
        }
        return v;
    }

    private TemplateException error(int line, String message) {
        return new TemplateException(file, line, message);
    }
}

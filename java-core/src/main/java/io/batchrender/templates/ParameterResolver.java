package io.batchrender.templates;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Applies given values to a template's parameters: unknown names, missing values, types and constraints. */
final class ParameterResolver {

    private ParameterResolver() {
    }

    /**
     * The value of every parameter the template declares, in its declared type.
     *
     * @throws TemplateException for a name the template does not declare, a required parameter
     *                           without a value (all of them, in one line), or a value that does not fit
     */
    static Map<String, JsonElement> resolve(Template t, ParameterValues given) {
        ParameterDefinitions defs = t.definitions();
        String file = t.file();
        for (String name : given.names()) {
            // a parameters file may hold values for parameters this template does not declare: Microsoft ships
            // such files, and the extensions read only the declared ones (_get_template_params); see undeclared()
            if (!defs.names().contains(name) && !given.get(name).fromFile()) {
                String known = defs.names().isEmpty() ? "this template has no parameters"
                        : "this template has " + String.join(", ", defs.names());
                String guess = closest(name, defs.names()).map(g -> "did you mean '" + g + "'? ").orElse("");
                throw new TemplateException(file, defs.sectionLine(), "unknown parameter '" + name + "' (from "
                        + given.get(name).origin() + "): " + guess + known);
            }
        }
        List<ParameterDefinitions.Definition> missing = new ArrayList<>();
        for (String name : defs.names()) {
            ParameterDefinitions.Definition d = defs.definition(name);
            if (d.parameter().required() && given.get(name) == null) {
                missing.add(d);
            }
        }
        if (missing.size() == 1) {
            TemplateParameter p = missing.get(0).parameter();
            throw new TemplateException(file, missing.get(0).line(), "parameter '" + p.name() + "'"
                    + (p.description().isEmpty() ? "" : " (" + p.description() + ")") + " has no default and no value was"
                    + " given: pass --param " + p.name() + "=VALUE or put it in the parameters file");
        }
        if (!missing.isEmpty()) {
            List<String> each = new ArrayList<>();
            for (ParameterDefinitions.Definition d : missing) {
                each.add(d.parameter().name() + " (line " + d.line() + ")");
            }
            throw new TemplateException(file, missing.get(0).line(), "parameters " + String.join(", ", each)
                    + " have no default and no value was given: pass --param NAME=VALUE for each or put them in the"
                    + " parameters file");
        }
        Map<String, JsonElement> out = new LinkedHashMap<>();
        for (String name : defs.names()) {
            ParameterDefinitions.Definition d = defs.definition(name);
            ParameterValues.Given g = given.get(name);
            JsonElement value = g != null
                    ? ParameterCheck.convert(file, d.line(), d.parameter(), g.value(), g.fromText(), g.origin())
                    : ParameterCheck.convert(file, d.line(), d.parameter(), d.parameter().defaultValue().orElseThrow(), false,
                    "defaultValue");
            out.put(name, value);
        }
        return out;
    }

    /** One warning per value of a parameters file for a parameter {@code t} does not declare (they are ignored). */
    static List<String> undeclared(Template t, ParameterValues given) {
        ParameterDefinitions defs = t.definitions();
        List<String> out = new ArrayList<>();
        for (String name : given.names()) {
            ParameterValues.Given g = given.get(name);
            if (!defs.names().contains(name) && g.fromFile()) {
                String guess = closest(name, defs.names()).map(n -> " (did you mean '" + n + "'?)").orElse("");
                out.add("warning: " + g.origin() + ": " + t.file() + " has no parameter '" + name + "'" + guess
                        + ": its value is ignored");
            }
        }
        return out;
    }

    /** The declared name a mistyped one most likely meant. */
    static Optional<String> closest(String name, Iterable<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String n : names) {
            int d = distance(lower, n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

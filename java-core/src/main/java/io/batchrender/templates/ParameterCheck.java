package io.batchrender.templates;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a value given for a parameter into the parameter's type and checks it against the
 * definition. Every failure is one line naming the parameter, the template line of its definition,
 * where the value came from, and what to write instead.
 */
final class ParameterCheck {

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,19}");
    private static final int LISTED = 8;

    private ParameterCheck() {
    }

    /**
     * The value in the parameter's type, with {@code allowedValues}, {@code minValue}/{@code maxValue}
     * and {@code minLength}/{@code maxLength} checked.
     *
     * @param fromText true for a raw command-line string, read by the declared type
     * @param origin   where the value came from: {@code --param}, {@code params.json:3}, {@code defaultValue}
     */
    static JsonElement convert(String file, int line, TemplateParameter p, JsonElement raw, boolean fromText, String origin) {
        JsonElement v = typed(file, line, p, raw, fromText, origin);
        List<JsonElement> allowed = p.allowedValues();
        if (!allowed.isEmpty()) {
            boolean ok = false;
            for (JsonElement a : allowed) {
                if (typed(file, line, p, a, false, "allowedValues").equals(v)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                String listed = allowed.stream().limit(LISTED).map(Nodes::show).collect(Collectors.joining(", "))
                        + (allowed.size() > LISTED ? ", ... (" + allowed.size() + " in all: see `template params`)" : "");
                throw fail(file, line, p, "must be one of " + listed + ", got " + shown(p, raw), origin, null);
            }
        }
        switch (p.baseType()) {
            case "int" -> {
                long n = v.getAsLong();
                if (p.minValue().isPresent() && n < p.minValue().get()) {
                    throw fail(file, line, p, "must be at least " + p.minValue().get() + ", got " + n, origin, null);
                }
                if (p.maxValue().isPresent() && n > p.maxValue().get()) {
                    throw fail(file, line, p, "must be at most " + p.maxValue().get() + ", got " + n, origin, null);
                }
            }
            case "string" -> checkLength(file, line, p, v.getAsString().codePointCount(0, v.getAsString().length()),
                    "characters long", raw, origin);
            case "array" -> checkLength(file, line, p, v.getAsJsonArray().size(), "items long", raw, origin);
            default -> {
            }
        }
        return v;
    }

    /** The value in the parameter's type, constraints unchecked. */
    static JsonElement typed(String file, int line, TemplateParameter p, JsonElement raw, boolean fromText, String origin) {
        String type = p.baseType();
        boolean text = fromText || (raw.isJsonPrimitive() && raw.getAsJsonPrimitive().isString());
        switch (type) {
            case "string":
                if (raw.isJsonPrimitive()) {
                    return new JsonPrimitive(raw.getAsString());
                }
                throw fail(file, line, p, "needs a string, got " + shown(p, raw), origin, "\"...\"");
            case "int":
                if (text && WHOLE.matcher(raw.getAsString()).matches()) {
                    try {
                        return new JsonPrimitive(Long.parseLong(raw.getAsString()));
                    } catch (NumberFormatException e) {
                        // too large: reported below
                    }
                }
                if (!text && raw.isJsonPrimitive() && raw.getAsJsonPrimitive().isNumber()) {
                    try {
                        return new JsonPrimitive(new BigDecimal(raw.getAsString()).longValueExact());
                    } catch (ArithmeticException | NumberFormatException e) {
                        // not whole: reported below
                    }
                }
                throw fail(file, line, p, "needs an int, got " + shown(p, raw), origin, example(p));
            case "bool":
                if (text) {
                    String s = raw.getAsString().toLowerCase(Locale.ROOT);
                    if (s.equals("true") || s.equals("false")) {
                        return new JsonPrimitive(s.equals("true"));
                    }
                } else if (raw.isJsonPrimitive() && raw.getAsJsonPrimitive().isBoolean()) {
                    return raw;
                }
                throw fail(file, line, p, "needs a bool (true or false), got " + shown(p, raw), origin, "true");
            case "object":
            case "array":
                JsonElement json = raw;
                if (fromText) {
                    try {
                        json = Nodes.toGson(JsonText.parse(raw.getAsString(), origin));
                    } catch (TemplateException e) {
                        throw fail(file, line, p, "needs a JSON " + type + ", got " + shown(p, raw), origin, null);
                    }
                }
                if (type.equals("object") ? json.isJsonObject() : json.isJsonArray()) {
                    return json;
                }
                throw fail(file, line, p, "needs a JSON " + type + ", got " + shown(p, raw), origin, null);
            default:
                throw new IllegalStateException("unchecked type " + type);
        }
    }

    private static void checkLength(String file, int line, TemplateParameter p, int length, String unit, JsonElement raw,
                                    String origin) {
        if (p.minLength().isPresent() && length < p.minLength().get()) {
            throw fail(file, line, p, "must be at least " + p.minLength().get() + " " + unit + ", got " + length
                    + (p.secure() ? "" : " (" + Nodes.show(raw) + ")"), origin, null);
        }
        if (p.maxLength().isPresent() && length > p.maxLength().get()) {
            throw fail(file, line, p, "must be at most " + p.maxLength().get() + " " + unit + ", got " + length, origin, null);
        }
    }

    private static String shown(TemplateParameter p, JsonElement raw) {
        return p.secure() ? "a value that does not fit (not shown: the parameter is secure)" : Nodes.show(raw);
    }

    private static String example(TemplateParameter p) {
        long n = p.minValue().orElse(p.maxValue().map(max -> Math.min(max, 10L)).orElse(10L));
        return Long.toString(n);
    }

    private static TemplateException fail(String file, int line, TemplateParameter p, String what, String origin, String example) {
        String where = switch (origin) {
            case "defaultValue" -> " in its defaultValue";
            case "allowedValues" -> " in its allowedValues";
            default -> " (from " + origin + ")";
        };
        String fix;
        if (origin.equals("defaultValue") || origin.equals("allowedValues")) {
            fix = "fix the template";
        } else if (origin.startsWith("--param")) {
            fix = example == null ? "give another value with --param " + p.name() + "=..."
                    : "give e.g. --param " + p.name() + "=" + (example.startsWith("\"") ? "VALUE" : example);
        } else if (origin.contains(":")) {
            fix = example == null ? "fix the value in " + origin
                    : "write e.g. \"" + p.name() + "\": {\"value\": " + example + "} in " + origin;
        } else {
            fix = "give a value that fits";
        }
        return new TemplateException(file, line, "parameter '" + p.name() + "' " + what + where + ": " + fix);
    }
}

package io.batchrender.templates;

import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values given for a template's parameters: from a parameters file, from {@code --param name=value}
 * on the command line, or both ({@link #overriddenBy}: the command line wins). Each value remembers
 * where it came from, so a message can say {@code (from params.json:4)}. Values are converted to the
 * declared types only when the template is expanded. Immutable.
 */
public final class ParameterValues {

    /** One value: JSON from a file, or raw text from the command line, and where it was written. */
    record Given(JsonElement value, boolean fromText, String origin, boolean fromFile) {
    }

    private static final ParameterValues NONE = new ParameterValues(Map.of());

    private final ImmutableMap<String, Given> values;

    private ParameterValues(Map<String, Given> values) {
        this.values = ImmutableMap.copyOf(values); // in the order given
    }

    /** No values: every parameter takes its default. */
    public static ParameterValues none() {
        return NONE;
    }

    /**
     * Reads a parameters file: {@code {"name": {"value": ...}}} as the Batch CLI extensions write it,
     * a plain {@code {"name": value}}, or an ARM parameters file ({@code $schema},
     * {@code contentVersion}, {@code parameters}).
     *
     * @throws TemplateException naming the file and line of anything wrong
     */
    public static ParameterValues fromFile(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TemplateException(name, 0, "no such parameters file: check the path");
        } catch (IOException e) {
            throw new TemplateException(name, 0, "cannot read the parameters file: " + e.getMessage(), e);
        }
        return parse(text, name);
    }

    /** Reads a parameters file's text; {@code file} names it in messages. */
    public static ParameterValues parse(String text, String file) {
        Node root = JsonText.parse(text, file);
        if (!(root instanceof Node.Obj obj)) {
            throw new TemplateException(file, root.line(), "a parameters file is a JSON object such as"
                    + " {\"jobName\": {\"value\": \"shot010\"}}, not " + Nodes.kind(root));
        }
        if ((obj.has("$schema") || obj.has("contentVersion")) && obj.get("parameters") instanceof Node.Obj inner) {
            obj = inner;
        }
        Map<String, Given> out = new LinkedHashMap<>();
        for (Node.Member m : obj.members()) {
            Node v = m.value();
            if (v instanceof Node.Obj o && o.has("reference") && !o.has("value")) {
                throw new TemplateException(file, m.line(), "parameter '" + m.key() + "' refers to a Key Vault secret,"
                        + " which is not supported here: give the value itself");
            }
            if (v instanceof Node.Obj o && o.members().size() == 1 && o.has("value") && !(o.get("value") instanceof Node.Null)) {
                v = o.get("value");
            }
            out.put(m.key(), new Given(Nodes.toGson(v), false, file + ":" + m.line(), true));
        }
        return new ParameterValues(out);
    }

    /**
     * Values from the command line, each {@code name=value} (everything after the first {@code =} is
     * the value, read by the parameter's declared type later). A name given twice takes the last value.
     *
     * @throws TemplateException (naming {@code --param}) for an argument without {@code =} or a name
     */
    public static ParameterValues fromArgs(List<String> nameEqualsValue) {
        Map<String, Given> out = new LinkedHashMap<>();
        for (String arg : nameEqualsValue) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new TemplateException("--param", 0, Nodes.show(arg) + " is not NAME=VALUE: write e.g."
                        + " --param frameEnd=10 (see the names with `template params`)");
            }
            String name = arg.substring(0, eq).strip();
            out.put(name, new Given(new JsonPrimitive(arg.substring(eq + 1)), true, "--param " + name, false));
        }
        return new ParameterValues(out);
    }

    /** Values given as JSON by a program (the Maya panel, a script), each in its declared type. */
    public static ParameterValues of(Map<String, JsonElement> values) {
        Map<String, Given> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Given(v.deepCopy(), false, "the values given", false)));
        return new ParameterValues(out);
    }

    /** These values with {@code later}'s added on top: where both name a parameter, {@code later} wins. */
    public ParameterValues overriddenBy(ParameterValues later) {
        Map<String, Given> out = new LinkedHashMap<>(values);
        out.putAll(later.values);
        return new ParameterValues(out);
    }

    /** The names given, in the order given. */
    public Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    Given get(String name) {
        return values.get(name);
    }

    @Override
    public String toString() {
        return "ParameterValues" + values.keySet();
    }
}

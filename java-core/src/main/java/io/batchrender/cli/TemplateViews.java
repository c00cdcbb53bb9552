package io.batchrender.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.templates.TemplateParameter;
import java.util.List;
import java.util.stream.Collectors;

/** How {@code template params} shows a template's parameters: a table, or JSON. */
final class TemplateViews {

    private TemplateViews() {
    }

    static JsonObject parameter(TemplateParameter p) {
        JsonObject o = new JsonObject();
        o.addProperty("name", p.name());
        o.addProperty("type", p.type());
        o.addProperty("required", p.required());
        p.defaultValue().ifPresent(d -> o.add("defaultValue", d));
        if (!p.allowedValues().isEmpty()) {
            JsonArray a = new JsonArray();
            p.allowedValues().forEach(a::add);
            o.add("allowedValues", a);
        }
        p.minValue().ifPresent(v -> o.addProperty("minValue", v));
        p.maxValue().ifPresent(v -> o.addProperty("maxValue", v));
        p.minLength().ifPresent(v -> o.addProperty("minLength", v));
        p.maxLength().ifPresent(v -> o.addProperty("maxLength", v));
        o.addProperty("description", p.description());
        if (!p.metadata().isEmpty()) {
            JsonObject m = new JsonObject();
            p.metadata().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> m.addProperty(e.getKey(), e.getValue()));
            o.add("metadata", m);
        }
        return o;
    }

    /** One block per parameter: name, type and default (or "required"), what it accepts, its description. */
    static String parameterTable(List<TemplateParameter> params) {
        StringBuilder sb = new StringBuilder();
        int width = params.stream().mapToInt(p -> p.name().length()).max().orElse(4);
        for (TemplateParameter p : params) {
            String dflt = p.required() ? "required" : "default " + shown(p, p.defaultValue().orElseThrow());
            sb.append(String.format("%-" + width + "s  %-6s  %s%n", p.name(), p.baseType(), dflt));
            String accepts = accepts(p);
            if (!accepts.isEmpty()) {
                sb.append(" ".repeat(width + 2)).append(accepts).append(System.lineSeparator());
            }
            if (!p.description().isEmpty()) {
                sb.append(" ".repeat(width + 2)).append(p.description()).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static String accepts(TemplateParameter p) {
        StringBuilder sb = new StringBuilder();
        if (!p.allowedValues().isEmpty()) {
            sb.append("one of ").append(p.allowedValues().stream().map(v -> shown(p, v)).collect(Collectors.joining(", ")));
        }
        if (p.minValue().isPresent() || p.maxValue().isPresent()) {
            sb.append(sb.length() > 0 ? "; " : "").append(p.minValue().isEmpty() ? "at most " + p.maxValue().get()
                    : p.maxValue().isEmpty() ? "at least " + p.minValue().get()
                    : "from " + p.minValue().get() + " to " + p.maxValue().get());
        }
        if (p.minLength().isPresent() || p.maxLength().isPresent()) {
            sb.append(sb.length() > 0 ? "; " : "").append("length ").append(p.minLength().map(String::valueOf).orElse("0"))
                    .append(" to ").append(p.maxLength().map(String::valueOf).orElse("any"));
        }
        return sb.toString();
    }

    private static String shown(TemplateParameter p, JsonElement v) {
        if (p.secure()) {
            return "(hidden)";
        }
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? "\"" + v.getAsString() + "\"" : v.toString();
    }
}

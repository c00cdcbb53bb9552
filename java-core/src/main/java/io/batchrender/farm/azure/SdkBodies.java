package io.batchrender.farm.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.serializer.AzureJacksonAdapter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Batch REST bodies (JSON) into the azure-batch 11.2.0 models, through the SDK's own serializer
 * (its models carry the REST names), checked field by field: the model is written back and every
 * field of the body must come out again with the same value (enum values compared without case,
 * numbers and booleans also as strings, ISO durations by length). A field the 2024-07-01.20.0 API
 * does not have would otherwise vanish silently; here it is a one-line
 * {@link UnsupportedTemplateException} naming it.
 */
final class SdkBodies {

    /** The REST API version azure-batch 11.2.0 speaks. */
    static final String API_VERSION = "2024-07-01.20.0";
    /** The SDK's own mapper (thread-safe once configured). */
    private static final ObjectMapper MAPPER = new AzureJacksonAdapter().serializer();

    static {
        // a parse error must not quote the body: it holds SAS URLs by then
        MAPPER.getFactory().disable(com.fasterxml.jackson.core.JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
    }

    private SdkBodies() {
    }

    /** An SDK model as the JSON body the SDK sends for it. */
    static JsonObject toJson(Object model) {
        try {
            return com.google.gson.JsonParser.parseString(MAPPER.writeValueAsString(model)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("the SDK could not write its own " + model.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param what  the body's kind, for messages: "add job", "add task", "add pool"
     * @param where which one: "job maya-1", "task 3"
     */
    static <T> T convert(JsonObject body, Class<T> type, String what, String where) {
        return convert(body, type, what, where, null);
    }

    /**
     * As above; {@code checkedShapes} remembers the shapes (field names, nulls and array lengths,
     * not values) whose required fields were already checked: the SDK's check looks only at which
     * fields are null, so the thousands of tasks of one factory, all of one shape, are checked once.
     */
    static <T> T convert(JsonObject body, Class<T> type, String what, String where, java.util.Set<String> checkedShapes) {
        T model;
        JsonNode back;
        try {
            model = MAPPER.readValue(body.toString(), type);
            back = MAPPER.valueToTree(model); // what the SDK will send, as a tree
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UnsupportedTemplateException(where + ": not a Batch " + what + " body: " + why);
        }
        lost(body, back, "").ifPresent(p -> {
            throw new UnsupportedTemplateException(where + ": " + p + " is not part of Batch's " + what + " request"
                    + " (API " + API_VERSION + "): remove it from the template.");
        });
        String shape = checkedShapes == null ? null : shape(body, new StringBuilder()).toString();
        if (shape == null || !checkedShapes.contains(shape)) {
            try {
                com.microsoft.rest.Validator.validate(model); // the SDK's own check of required fields
            } catch (IllegalArgumentException e) {
                throw new UnsupportedTemplateException(where + ": not a Batch " + what + " body: " + e.getMessage());
            }
            if (shape != null) {
                checkedShapes.add(shape);
            }
        }
        return model;
    }

    /** The body's field names, nulls and array lengths in order, without its values. */
    static StringBuilder shape(JsonElement e, StringBuilder out) {
        if (e == null || e.isJsonNull()) {
            return out.append('n');
        }
        if (e.isJsonPrimitive()) {
            return out.append('v');
        }
        if (e.isJsonArray()) {
            out.append('[');
            for (JsonElement x : e.getAsJsonArray()) {
                shape(x, out).append(',');
            }
            return out.append(']');
        }
        out.append('{');
        for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
            shape(m.getValue(), out.append(m.getKey().length()).append(':').append(m.getKey()).append('=')).append(',');
        }
        return out.append('}');
    }

    /** As {@link #lost(JsonElement, JsonNode, String)}, for a body written back as JSON text. */
    static Optional<String> lost(JsonElement sent, JsonElement back, String path) {
        try {
            return lost(sent, MAPPER.readTree(back.toString()), path);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The first field of {@code sent} that {@code back} lacks or holds with another value, as a path. */
    static Optional<String> lost(JsonElement sent, JsonNode back, String path) {
        if (sent == null || sent.isJsonNull()) {
            return Optional.empty();
        }
        if (back == null || back.isNull() || back.isMissingNode()) {
            return Optional.of(path.isEmpty() ? "the body" : path);
        }
        if (sent.isJsonObject()) {
            if (!back.isObject()) {
                return Optional.of(path);
            }
            for (Map.Entry<String, JsonElement> e : sent.getAsJsonObject().entrySet()) {
                Optional<String> p = lost(e.getValue(), back.get(e.getKey()), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        }
        if (sent.isJsonArray()) {
            JsonArray s = sent.getAsJsonArray();
            if (!back.isArray() || back.size() != s.size()) {
                return Optional.of(path);
            }
            for (int i = 0; i < s.size(); i++) {
                Optional<String> p = lost(s.get(i), back.get(i), path + "[" + i + "]");
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        }
        return back.isValueNode() && same(sent.getAsJsonPrimitive(), back.asText()) ? Optional.empty() : Optional.of(path);
    }

    private static boolean same(JsonPrimitive a, String y) {
        String x = a.getAsString();
        if (x.equalsIgnoreCase(y)) {
            return true;
        }
        try {
            return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
        } catch (NumberFormatException notNumbers) {
            // not numbers: durations?
        }
        try {
            return Duration.parse(x).equals(Duration.parse(y));
        } catch (DateTimeParseException notDurations) {
            return false;
        }
    }
}

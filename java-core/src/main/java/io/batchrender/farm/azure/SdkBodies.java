package io.batchrender.farm.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
    private static final AzureJacksonAdapter ADAPTER = new AzureJacksonAdapter();

    private SdkBodies() {
    }

    /**
     * @param what  the body's kind, for messages: "add job", "add task", "add pool"
     * @param where which one: "job maya-1", "task 3"
     */
    static <T> T convert(JsonObject body, Class<T> type, String what, String where) {
        T model;
        JsonElement back;
        try {
            model = ADAPTER.deserialize(body.toString(), type);
            back = JsonParser.parseString(ADAPTER.serialize(model));
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UnsupportedTemplateException(where + ": not a Batch " + what + " body: " + why);
        }
        lost(body, back, "").ifPresent(p -> {
            throw new UnsupportedTemplateException(where + ": " + p + " is not part of Batch's " + what + " request"
                    + " (API " + API_VERSION + "): remove it from the template.");
        });
        try {
            com.microsoft.rest.Validator.validate(model); // the SDK's own check of required fields
        } catch (IllegalArgumentException e) {
            throw new UnsupportedTemplateException(where + ": not a Batch " + what + " body: " + e.getMessage());
        }
        return model;
    }

    /** The first field of {@code sent} that {@code back} lacks or holds with another value, as a path. */
    static Optional<String> lost(JsonElement sent, JsonElement back, String path) {
        if (sent == null || sent.isJsonNull()) {
            return Optional.empty();
        }
        if (back == null || back.isJsonNull()) {
            return Optional.of(path.isEmpty() ? "the body" : path);
        }
        if (sent.isJsonObject()) {
            if (!back.isJsonObject()) {
                return Optional.of(path);
            }
            JsonObject b = back.getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : sent.getAsJsonObject().entrySet()) {
                Optional<String> p = lost(e.getValue(), b.get(e.getKey()), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        }
        if (sent.isJsonArray()) {
            if (!back.isJsonArray() || back.getAsJsonArray().size() != sent.getAsJsonArray().size()) {
                return Optional.of(path);
            }
            JsonArray s = sent.getAsJsonArray();
            for (int i = 0; i < s.size(); i++) {
                Optional<String> p = lost(s.get(i), back.getAsJsonArray().get(i), path + "[" + i + "]");
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        }
        return back.isJsonPrimitive() && same(sent.getAsJsonPrimitive(), back.getAsJsonPrimitive())
                ? Optional.empty() : Optional.of(path);
    }

    private static boolean same(JsonPrimitive a, JsonPrimitive b) {
        String x = a.getAsString();
        String y = b.getAsString();
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

package io.batchrender.job;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fields of a Batch request body that the job model does not carry, kept as JSON text so the value
 * stays immutable: Azure sends them as they are, the local farm names them as left aside.
 */
public record BatchFields(String json) {

    public static final BatchFields NONE = new BatchFields("{}");

    public BatchFields {
        if (json == null || !JsonParser.parseString(json).isJsonObject()) {
            throw new IllegalArgumentException("Batch fields are a JSON object");
        }
    }

    public static BatchFields of(JsonObject fields) {
        return fields.size() == 0 ? NONE : new BatchFields(fields.toString());
    }

    /** A copy of the fields. */
    public JsonObject object() {
        return isEmpty() ? new JsonObject() : JsonParser.parseString(json).getAsJsonObject();
    }

    /** True for no fields: most tasks of a 100,000-task job, read without parsing. */
    public boolean isEmpty() {
        return json.equals(NONE.json) || JsonParser.parseString(json).getAsJsonObject().size() == 0;
    }

    /** The field names, sorted. */
    public Set<String> names() {
        return new TreeSet<>(object().keySet());
    }

    /** One field, when present. */
    public java.util.Optional<JsonElement> get(String name) {
        return java.util.Optional.ofNullable(object().get(name));
    }
}

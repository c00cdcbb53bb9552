package io.batchrender.farm.azure.testdouble;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The shapes the service answers with, after the recordings in ../shared/azure-batch. */
final class Wire {

    static final Gson GSON = new Gson();

    private Wire() {
    }

    /** The service's error body: {@code {"odata.metadata":..., "code":..., "message":{"lang","value"}}}. */
    static JsonObject error(String baseUrl, String code, String message, String requestId) {
        return error(baseUrl, code, message, requestId, null);
    }

    /** As above, with {@code "values": [{"key": "AuthenticationErrorDetail", "value": ...}]} when {@code authDetail} is set. */
    static JsonObject error(String baseUrl, String code, String message, String requestId, String authDetail) {
        JsonObject o = new JsonObject();
        o.addProperty("odata.metadata", baseUrl + "/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element");
        o.addProperty("code", code);
        JsonObject m = new JsonObject();
        m.addProperty("lang", "en-US");
        m.addProperty("value", message + "\nRequestId:" + requestId + "\nTime:" + now());
        o.add("message", m);
        if (authDetail != null) {
            com.google.gson.JsonArray values = new com.google.gson.JsonArray();
            JsonObject d = new JsonObject();
            d.addProperty("key", "AuthenticationErrorDetail");
            d.addProperty("value", authDetail);
            values.add(d);
            o.add("values", values);
        }
        return o;
    }

    static String now() {
        return Instant.now().toString();
    }

    static String etag() {
        return "0x8D" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** A copy of {@code entity} with only the top-level properties in {@code select} (all when null). */
    static JsonObject select(JsonObject entity, Set<String> select) {
        JsonObject copy = entity.deepCopy();
        if (select == null) {
            return copy;
        }
        JsonObject out = new JsonObject();
        for (String k : select) {
            JsonElement v = copy.get(k);
            if (v != null) {
                out.add(k, v);
            }
        }
        return out;
    }

    static String str(JsonObject o, String key, String dflt) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? dflt : e.getAsString();
    }

    static int integer(JsonObject o, String key, int dflt) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? dflt : e.getAsInt();
    }

    static JsonObject obj(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** Sets state and stateTransitionTime, keeping the previous ones as the service does. */
    static void transition(JsonObject entity, String state) {
        String old = str(entity, "state", null);
        if (state.equals(old)) {
            return;
        }
        if (old != null) {
            entity.addProperty("previousState", old);
            entity.addProperty("previousStateTransitionTime", str(entity, "stateTransitionTime", now()));
        }
        entity.addProperty("state", state);
        entity.addProperty("stateTransitionTime", now());
        entity.addProperty("lastModified", now());
        entity.addProperty("eTag", etag());
    }
}

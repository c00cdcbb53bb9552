package io.batchrender.bridge;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.function.Supplier;

/**
 * The envelope of every answer: {@code {"ok": true, "value": ...}} or
 * {@code {"ok": false, "error": {"code", "message", "hint"}}}. Nothing else crosses the bridge.
 */
final class Replies {

    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private Replies() {
    }

    static String call(Supplier<JsonElement> body) {
        try {
            return ok(body.get());
        } catch (Throwable t) {
            return error(Errors.of(t));
        }
    }

    static String ok(JsonElement value) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", true);
        o.add("value", value);
        return GSON.toJson(o);
    }

    static String error(BridgeError e) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.add("error", e.toJson());
        return GSON.toJson(o);
    }
}

package io.batchrender.templates;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conversions between {@link Node} trees and Gson, and the wording used for values in messages. */
final class Nodes {

    private static final Gson GSON = new Gson();
    private static final int SHOWN = 60;

    private Nodes() {
    }

    static JsonElement toGson(Node n) {
        if (n instanceof Node.Obj o) {
            JsonObject out = new JsonObject();
            for (Node.Member m : o.members()) {
                out.add(m.key(), toGson(m.value()));
            }
            return out;
        }
        if (n instanceof Node.Arr a) {
            JsonArray out = new JsonArray(a.items().size());
            for (Node item : a.items()) {
                out.add(toGson(item));
            }
            return out;
        }
        if (n instanceof Node.Str s) {
            return new JsonPrimitive(s.value());
        }
        if (n instanceof Node.Num num) {
            return num.isLong() ? new JsonPrimitive(num.asLong()) : new JsonPrimitive(num.value());
        }
        if (n instanceof Node.Bool b) {
            return new JsonPrimitive(b.value());
        }
        return JsonNull.INSTANCE;
    }

    /** A Gson value as a node whose every part is said to be on {@code line}. */
    static Node fromGson(JsonElement e, int line) {
        if (e == null || e.isJsonNull()) {
            return new Node.Null(line);
        }
        if (e.isJsonObject()) {
            List<Node.Member> members = new ArrayList<>();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                members.add(new Node.Member(m.getKey(), line, fromGson(m.getValue(), line)));
            }
            return new Node.Obj(line, members);
        }
        if (e.isJsonArray()) {
            List<Node> items = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                items.add(fromGson(item, line));
            }
            return new Node.Arr(line, items);
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return new Node.Bool(line, p.getAsBoolean());
        }
        if (p.isNumber()) {
            return new Node.Num(line, new BigDecimal(p.getAsString()));
        }
        return new Node.Str(line, p.getAsString());
    }

    /**
     * The value as it reads inside a longer string: text as is, numbers plainly, bools as
     * {@code True}/{@code False} (what the Batch CLI extensions write, so their templates' command
     * lines come out the same), objects and arrays as compact JSON.
     */
    static String asText(Node n) {
        if (n instanceof Node.Str s) {
            return s.value();
        }
        if (n instanceof Node.Num num) {
            return num.isLong() ? Long.toString(num.asLong()) : num.value().toPlainString();
        }
        if (n instanceof Node.Bool b) {
            return b.value() ? "True" : "False";
        }
        if (n instanceof Node.Null) {
            return "null";
        }
        return GSON.toJson(toGson(n));
    }

    /** "a string", "an object", ... for messages. */
    static String kind(Node n) {
        if (n instanceof Node.Obj) {
            return "an object";
        }
        if (n instanceof Node.Arr) {
            return "an array";
        }
        if (n instanceof Node.Str) {
            return "a string";
        }
        if (n instanceof Node.Num num) {
            return num.isLong() ? "a whole number" : "a number";
        }
        if (n instanceof Node.Bool) {
            return "a boolean";
        }
        return "null";
    }

    /** A value for a one-line message: quoted, newlines escaped, long ones cut. */
    static String show(String s) {
        String one = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return "\"" + (one.length() > SHOWN ? one.substring(0, SHOWN - 3) + "..." : one) + "\"";
    }

    static String show(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return show(e.getAsString());
        }
        String json = GSON.toJson(e);
        return json.length() > SHOWN ? json.substring(0, SHOWN - 3) + "..." : json;
    }
}

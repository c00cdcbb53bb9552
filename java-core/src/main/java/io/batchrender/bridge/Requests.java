package io.batchrender.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.compile.SubmitForm;
import io.batchrender.compile.SubmitRequest;
import io.batchrender.json.HostReferencesJson;
import io.batchrender.scene.HostReferences;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the JSON requests Python sends; a field that is misspelt or of the wrong type is a {@code BadRequest}. */
final class Requests {

    static final Set<String> SUBMIT_FIELDS = Set.of("scene", "command", "frames", "searchPaths", "allowMissing", "chunk",
            "renderer", "name", "output", "retries", "timeoutSeconds", "engine", "format", "imageName", "camera", "layer",
            "project", "farm", "pool", "assetProject", "licenseServers", "environment", "excluded", "extraFiles", "limitRate",
            "references");
    static final Set<String> SCAN_FIELDS = Set.of("scene", "searchPaths", "references");
    static final Set<String> WATCH_FIELDS = Set.of("pollSeconds", "limitRate");

    private final JsonObject o;
    private final String what;

    private Requests(JsonObject o, String what) {
        this.o = o;
        this.what = what;
    }

    static Requests parse(String json, String what, Set<String> fields) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json == null || json.isBlank() ? "{}" : json);
        } catch (RuntimeException bad) {
            throw BridgeException.badRequest("The " + what + " request is not JSON (" + bad.getMessage() + ")",
                    "Send a JSON object, e.g. {\"scene\": \"/path/shot.ma\"}.");
        }
        if (!e.isJsonObject()) {
            throw BridgeException.badRequest("The " + what + " request must be a JSON object", "Send {\"field\": value, ...}.");
        }
        return new Requests(e.getAsJsonObject(), what).only(fields);
    }

    /** A nested object of a request (e.g. a submit's {@code pool}), checked against its own fields. */
    static Requests of(JsonObject o, String what, Set<String> fields) {
        return new Requests(o, what).only(fields);
    }

    /** A list of JSON values (e.g. the upload plan's {@code assets}, as the scan returned them). */
    Optional<com.google.gson.JsonArray> array(String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonArray()) {
            throw wrongType(key, "a list");
        }
        return Optional.of(e.getAsJsonArray());
    }

    Optional<JsonObject> object(String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonObject()) {
            throw wrongType(key, "an object");
        }
        return Optional.of(e.getAsJsonObject());
    }

    private Requests only(Set<String> fields) {
        for (String key : o.keySet()) {
            if (!fields.contains(key)) {
                throw BridgeException.badRequest("The " + what + " request has no field '" + key + "'",
                        "Its fields are: " + String.join(", ", new TreeSet<>(fields)) + ".");
            }
        }
        return this;
    }

    Optional<String> string(String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrongType(key, "a string");
        }
        return Optional.of(e.getAsString());
    }

    String requireString(String key) {
        return string(key).filter(s -> !s.isBlank()).orElseThrow(() -> BridgeException.badRequest(
                "The " + what + " request needs '" + key + "'", "Add \"" + key + "\": ... to it."));
    }

    Optional<Path> path(String key) {
        return string(key).map(Path::of);
    }

    Optional<Double> number(String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw wrongType(key, "a number");
        }
        return Optional.of(e.getAsDouble());
    }

    int integer(String key, int fallback) {
        Optional<Double> d = number(key);
        if (d.isPresent() && (d.get() != Math.rint(d.get()) || Math.abs(d.get()) > Integer.MAX_VALUE)) {
            throw wrongType(key, "a whole number");
        }
        return d.map(Double::intValue).orElse(fallback);
    }

    boolean bool(String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw wrongType(key, "true or false");
        }
        return e.getAsBoolean();
    }

    Optional<List<String>> strings(String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonArray()) {
            throw wrongType(key, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw wrongType(key, "a list of strings");
            }
            out.add(x.getAsString());
        }
        return Optional.of(out);
    }

    private BridgeException wrongType(String key, String type) {
        return BridgeException.badRequest("'" + key + "' in the " + what + " request must be " + type, "Fix its value.");
    }

    /** A submit request: the same fields as {@code batchrender submit}'s options. */
    static SubmitForm submitForm(String json) {
        Requests r = parse(json, "submit", SUBMIT_FIELDS);
        Optional<Duration> timeout = r.number("timeoutSeconds").map(s -> Duration.ofMillis(Math.round(s * 1000)));
        return new SubmitForm(r.path("scene"), r.strings("command"), r.string("frames"),
                r.strings("searchPaths").orElse(List.of()).stream().map(Path::of).toList(), r.bool("allowMissing"),
                r.integer("chunk", 1), r.string("renderer"), r.string("name"), r.path("output"),
                r.integer("retries", SubmitRequest.DEFAULT_RETRIES), timeout, r.string("engine"), r.string("format"),
                r.string("imageName"), r.string("camera"), r.string("layer"), r.path("project"), r.references());
    }

    /**
     * A scan request: the scene, extra search folders, and optionally the references the host application reports
     * (Maya's, of which {@code unloaded} are scene references Maya does not load; Blender's data-blocks).
     */
    record Scan(Path scene, List<Path> searchPaths, Optional<HostReferences> references) {
    }

    static Scan scan(String json) {
        Requests r = parse(json, "scan", SCAN_FIELDS);
        Path scene = Path.of(r.requireString("scene"));
        List<Path> search = r.strings("searchPaths").orElse(List.of()).stream().map(Path::of).toList();
        return new Scan(scene, search, r.references());
    }

    /** {@code references}: [{node, nodeType, attribute, path, tiling?, frameSequence?, unloaded?}...], or none. */
    Optional<HostReferences> references() {
        JsonElement refs = o.get("references");
        if (refs == null || refs.isJsonNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostReferencesJson.read(refs));
        } catch (IllegalArgumentException e) {
            throw BridgeException.badRequest(e.getMessage().replaceAll("[.:]$", ""),
                    "Send \"references\": [{\"node\", \"nodeType\", \"attribute\", \"path\"}...] in the " + what + " request.");
        }
    }

    /** A watcher's options: poll interval and download rate limit. */
    static io.batchrender.watch.WatchOptions watch(String json) {
        Requests r = parse(json, "watch", WATCH_FIELDS);
        double poll = r.number("pollSeconds").orElse(2.0);
        if (!(poll > 0) || poll > 3600) {
            throw BridgeException.badRequest("'pollSeconds' must be between 0 and 3600", "Use e.g. 2 or 0.5.");
        }
        long rate = r.string("limitRate").map(io.batchrender.watch.WatchOptions::parseRate).orElse(0L);
        return new io.batchrender.watch.WatchOptions(Duration.ofMillis(Math.max(1, Math.round(poll * 1000))), rate,
                io.batchrender.watch.WatchOptions.DEFAULT.attempts());
    }
}

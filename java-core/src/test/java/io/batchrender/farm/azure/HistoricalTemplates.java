package io.batchrender.farm.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.batchrender.render.TestScenes;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Batch Explorer templates and REST examples in {@code ../shared/azure-batch}, expanded by
 * hand for tests as their format says (not by the template engine, which is tested on its own):
 * {@code [parameters('x')]} replaced by the given value (a whole-string reference takes the value's
 * JSON type), {@code [variables('x')]} likewise, a parametric sweep's {@code repeatTask} once per
 * value with {@code {0}} the value and {@code {{ }}} unescaped, task ids "0", "1", ...
 */
final class HistoricalTemplates {

    private static final Pattern PARAM = Pattern.compile("\\[parameters\\('([A-Za-z0-9_]+)'\\)]");
    private static final Pattern VAR = Pattern.compile("\\[variables\\('([A-Za-z0-9_]+)'\\)]");

    private HistoricalTemplates() {
    }

    static Path azureBatch() {
        return TestScenes.repoRoot().resolve("../shared/azure-batch").normalize();
    }

    static JsonObject read(String relative) throws IOException {
        return JsonParser.parseString(Files.readString(azureBatch().resolve(relative))).getAsJsonObject();
    }

    /** The REST example's request body ({@code parameters.<name>}). */
    static JsonObject restExample(String file, String name) throws IOException {
        return read("rest-examples-2024-07-01.20.0/" + file).getAsJsonObject("parameters").getAsJsonObject(name);
    }

    /**
     * A job template's {@code job.properties} with the parameters applied, and its parametric sweep
     * (one parameter set, step 1) run from {@code start} to {@code end}.
     */
    static ExpandedJob sweepJob(String template, Map<String, Object> params, int start, int end) throws IOException {
        JsonObject t = read(template);
        JsonObject job = apply(t.getAsJsonObject("job").getAsJsonObject("properties"), params, JsonObject::new).getAsJsonObject();
        JsonObject factory = job.remove("taskFactory").getAsJsonObject();
        JsonObject repeat = factory.getAsJsonObject("repeatTask");
        List<JsonObject> tasks = new ArrayList<>();
        for (int frame = start; frame <= end; frame++) {
            JsonObject task = sweep(repeat, Integer.toString(frame)).getAsJsonObject();
            JsonObject withId = new JsonObject();
            withId.addProperty("id", Integer.toString(tasks.size()));
            task.entrySet().forEach(e -> withId.add(e.getKey(), e.getValue()));
            tasks.add(withId);
        }
        return new ExpandedJob(job, tasks);
    }

    /** A pool template's {@code pool} with its parameters and variables applied. */
    static ExpandedPool pool(String template, Map<String, Object> params) throws IOException {
        JsonObject t = read(template);
        JsonObject vars = t.has("variables") ? t.getAsJsonObject("variables") : new JsonObject();
        return new ExpandedPool(apply(t.getAsJsonObject("pool"), params, () -> vars).getAsJsonObject());
    }

    private static JsonElement apply(JsonElement e, Map<String, Object> params, java.util.function.Supplier<JsonObject> vars) {
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(m -> out.add(m.getKey(), apply(m.getValue(), params, vars)));
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(apply(x, params, vars)));
            return out;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            return e.deepCopy();
        }
        String s = e.getAsString();
        Matcher whole = PARAM.matcher(s);
        if (whole.matches()) {
            return json(value(params, whole.group(1)));
        }
        Matcher wholeVar = VAR.matcher(s);
        if (wholeVar.matches()) {
            return vars.get().get(wholeVar.group(1)).deepCopy();
        }
        Matcher m = PARAM.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(value(params, m.group(1)))));
        }
        m.appendTail(sb);
        return new JsonPrimitive(sb.toString());
    }

    private static Object value(Map<String, Object> params, String name) {
        if (!params.containsKey(name)) {
            throw new IllegalArgumentException("the test gives no value for parameter " + name);
        }
        return params.get(name);
    }

    private static JsonElement json(Object v) {
        return v instanceof Number n ? new JsonPrimitive(n) : v instanceof Boolean b ? new JsonPrimitive(b)
                : new JsonPrimitive(String.valueOf(v));
    }

    private static JsonElement sweep(JsonElement e, String value) {
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(m -> out.add(m.getKey(), sweep(m.getValue(), value)));
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(sweep(x, value)));
            return out;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            return e.deepCopy();
        }
        String s = e.getAsString();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("{{", i) || s.startsWith("}}", i)) {
                out.append(s.charAt(i));
                i++;
            } else if (s.startsWith("{0}", i)) {
                out.append(value);
                i += 2;
            } else {
                out.append(s.charAt(i));
            }
        }
        return new JsonPrimitive(out.toString());
    }

    /**
     * A template shipped in the repository's {@code templates/} folder, expanded as above with the
     * parameters' defaults for what {@code given} leaves out, and its file-group references written
     * as the template engine's seam says ({@code source.fileGroup} G with {@code prefix} P → {@code
     * autoStorageContainerName} {@code fgrp-G} and {@code blobPrefix} P; {@code source.container} →
     * {@code autoStorageContainerName}; {@code source.url} → {@code httpUrl}).
     */
    static JsonObject shipped(String relative, Map<String, Object> given) throws IOException {
        JsonObject t = JsonParser.parseString(Files.readString(TestScenes.repoRoot().resolve("templates").resolve(relative)))
                .getAsJsonObject();
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        for (var p : t.getAsJsonObject("parameters").entrySet()) {
            JsonObject def = p.getValue().getAsJsonObject();
            if (def.has("defaultValue")) {
                JsonPrimitive v = def.getAsJsonPrimitive("defaultValue");
                all.put(p.getKey(), v.isNumber() ? (Object) v.getAsInt() : v.isBoolean() ? (Object) v.getAsBoolean() : v.getAsString());
            }
        }
        all.putAll(given);
        JsonObject vars = t.has("variables") ? t.getAsJsonObject("variables") : new JsonObject();
        JsonObject expanded = apply(t, all, () -> vars).getAsJsonObject();
        sources(expanded);
        return expanded;
    }

    /** The job of a shipped template ({@code job.properties}), its parametric sweep run from start to end. */
    static ExpandedJob shippedJob(String relative, Map<String, Object> given, int start, int end) throws IOException {
        JsonObject job = shipped(relative, given).getAsJsonObject("job").getAsJsonObject("properties");
        JsonObject factory = job.remove("taskFactory").getAsJsonObject();
        List<JsonObject> tasks = new ArrayList<>();
        for (int frame = start; frame <= end; frame++) {
            JsonObject task = sweep(factory.getAsJsonObject("repeatTask"), Integer.toString(frame)).getAsJsonObject();
            JsonObject withId = new JsonObject();
            withId.addProperty("id", Integer.toString(tasks.size()));
            task.entrySet().forEach(e -> withId.add(e.getKey(), e.getValue()));
            tasks.add(withId);
        }
        return new ExpandedJob(job, tasks);
    }

    private static void sources(JsonElement e) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(HistoricalTemplates::sources);
        } else if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("source") && o.get("source").isJsonObject()) {
                JsonObject src = o.remove("source").getAsJsonObject();
                if (src.has("fileGroup")) {
                    o.addProperty("autoStorageContainerName", io.batchrender.storage.FileGroups.containerName(
                            src.get("fileGroup").getAsString()));
                } else if (src.has("container")) {
                    o.add("autoStorageContainerName", src.get("container"));
                } else {
                    o.add("httpUrl", src.get("url"));
                }
                if (src.has("prefix")) {
                    o.add("blobPrefix", src.get("prefix"));
                }
            }
            o.entrySet().forEach(m -> sources(m.getValue()));
        }
    }

    /** {@code Map.of} for parameters, in one place so the tests read like a parameters file. */
    static Map<String, Object> params(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

package io.batchrender.farm.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.batchrender.render.TestScenes;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.FileGroupFiles;
import io.batchrender.templates.JobTemplates;
import io.batchrender.templates.ParameterValues;
import io.batchrender.templates.PoolTemplates;
import io.batchrender.templates.Template;
import io.batchrender.templates.TemplateParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The real Batch Explorer templates and REST examples in {@code ../shared/azure-batch}, and the
 * templates shipped in {@code templates/}, expanded by the template engine as a user's
 * {@code template run} would expand them.
 */
final class HistoricalTemplates {

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

    /** A job template of {@code ../shared/azure-batch} whose sweep runs {@code frameStart}..{@code frameEnd}. */
    static ExpandedJob sweepJob(String template, Map<String, Object> params, int start, int end) {
        return job(Template.read(azureBatch().resolve(template)), frames(params, start, end));
    }

    /** A pool template of {@code ../shared/azure-batch} with its parameters and variables applied. */
    static ExpandedPool pool(String template, Map<String, Object> params) {
        return PoolTemplates.expand(Template.read(azureBatch().resolve(template)), values(params));
    }

    /**
     * {@code pool} with its start task's resource files as the template writes them, {@code blobSource}
     * and all: the body a tool other than our engine (which renames it {@code httpUrl}) would send.
     */
    static JsonObject withTemplatesStartTaskFiles(JsonObject pool, String template) throws IOException {
        JsonObject raw = read(template).getAsJsonObject("pool").getAsJsonObject("startTask");
        pool.getAsJsonObject("startTask").add("resourceFiles", raw.get("resourceFiles").deepCopy());
        return pool;
    }

    /** A shipped pool template ({@code pools/...}); parameters it does not declare are left out. */
    static ExpandedPool shippedPool(String relative, Map<String, Object> given) {
        Template t = shipped(relative);
        return PoolTemplates.expand(t, values(declared(t, given)));
    }

    /** A shipped job template, its sweep run from start to end; parameters it does not declare are left out. */
    static ExpandedJob shippedJob(String relative, Map<String, Object> given, int start, int end) {
        Template t = shipped(relative);
        return job(t, declared(t, frames(given, start, end)));
    }

    private static Template shipped(String relative) {
        return Template.read(TestScenes.repoRoot().resolve("templates").resolve(relative));
    }

    private static ExpandedJob job(Template t, Map<String, Object> params) {
        return JobTemplates.expand(t, values(params), FileGroupFiles.none());
    }

    private static Map<String, Object> frames(Map<String, Object> params, int start, int end) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("frameStart", start);
        all.put("frameEnd", end);
        return all;
    }

    private static Map<String, Object> declared(Template t, Map<String, Object> params) {
        Set<String> names = t.parameters().stream().map(TemplateParameter::name).collect(Collectors.toSet());
        Map<String, Object> kept = new LinkedHashMap<>(params);
        kept.keySet().retainAll(names);
        return kept;
    }

    private static ParameterValues values(Map<String, Object> params) {
        Map<String, JsonElement> json = new LinkedHashMap<>();
        params.forEach((k, v) -> json.put(k, v instanceof Number n ? new JsonPrimitive(n)
                : v instanceof Boolean b ? new JsonPrimitive(b) : new JsonPrimitive(String.valueOf(v))));
        return ParameterValues.of(json);
    }

    /** {@code Map.of} for parameters, in one place so the tests read like a parameters file. */
    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

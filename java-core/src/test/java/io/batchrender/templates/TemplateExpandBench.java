package io.batchrender.templates;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our side of bench/template_expand.sh: reads and expands a job template (parameters from a plain
 * JSON file) three times in this JVM, prints the first and the best time as JSON, and writes the
 * projection of the tasks the baseline writes too.
 *
 * <p>Usage: TemplateExpandBench TEMPLATE PARAMS_JSON OUT_JSON
 */
public final class TemplateExpandBench {

    private TemplateExpandBench() {
    }

    public static void main(String[] args) throws Exception {
        Path template = Path.of(args[0]);
        ParameterValues values = ParameterValues.fromFile(Path.of(args[1]));
        long t0 = System.nanoTime();
        ExpandedJob job = JobTemplates.expand(Template.read(template), values, FileGroupFiles.none());
        double first = (System.nanoTime() - t0) / 1e9;
        double best = first;
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            JobTemplates.expand(Template.read(template), values, FileGroupFiles.none());
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        JsonArray out = new JsonArray();
        for (int i = 0; i < job.taskCount(); i++) {
            JsonObject task = job.task(i);
            JsonArray p = new JsonArray();
            p.add(task.get("id"));
            p.add(task.get("displayName"));
            p.add(task.get("commandLine"));
            JsonArray env = new JsonArray();
            for (JsonElement e : task.has("environmentSettings") ? task.getAsJsonArray("environmentSettings") : new JsonArray()) {
                JsonArray pair = new JsonArray();
                pair.add(e.getAsJsonObject().get("name"));
                pair.add(e.getAsJsonObject().get("value"));
                env.add(pair);
            }
            p.add(env);
            JsonArray outputs = new JsonArray();
            for (JsonElement o : task.has("outputFiles") ? task.getAsJsonArray("outputFiles") : new JsonArray()) {
                JsonObject auto = o.getAsJsonObject().getAsJsonObject("destination").getAsJsonObject("autoStorage");
                JsonArray triple = new JsonArray();
                triple.add(o.getAsJsonObject().get("filePattern"));
                triple.add(auto.get("fileGroup"));
                triple.add(auto.get("path"));
                outputs.add(triple);
            }
            p.add(outputs);
            out.add(p);
        }
        try (Writer w = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            new Gson().toJson(out, w);
        }
        System.out.printf("{\"tasks\": %d, \"first\": %.4f, \"best\": %.4f}%n", job.taskCount(), first, best);
    }
}

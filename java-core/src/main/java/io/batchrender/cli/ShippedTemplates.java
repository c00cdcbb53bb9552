package io.batchrender.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.batchrender.templates.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The templates shipped in the project's {@code templates/} folder, carried inside the jar: a name
 * such as {@code blender-cycles-linux} (a job) or {@code blender-linux} (a pool) stands for its file.
 */
final class ShippedTemplates {

    private static final String ROOT = "/io/batchrender/templates/shipped/";

    /** One shipped job template and the pool template it goes with. */
    record Entry(String id, String name, String job, String pool) {
    }

    private ShippedTemplates() {
    }

    /**
     * The template {@code nameOrPath} names: a file when one is there, else a shipped job template
     * (when {@code job} is true or null) or pool template (false or null) of that name.
     */
    static Template load(String nameOrPath, Boolean job) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return Template.read(file);
        }
        if (nameOrPath.matches("[a-z0-9][a-z0-9-]*")) {
            List<String> candidates = new ArrayList<>();
            if (job == null || job) {
                candidates.add(nameOrPath + "/job.template.json");
            }
            if (job == null || !job) {
                candidates.add("pools/" + nameOrPath + ".template.json");
            }
            for (String c : candidates) {
                Optional<String> text = resource(c);
                if (text.isPresent()) {
                    return Template.parse(text.get(), "templates/" + c);
                }
            }
            if (job != null && resource(job ? "pools/" + nameOrPath + ".template.json" : nameOrPath + "/job.template.json").isPresent()) {
                throw new UsageException(nameOrPath + " is a shipped " + (job ? "pool" : "job") + " template: use 'batchrender template "
                        + (job ? "pool" : "run") + " " + nameOrPath + "'.");
            }
        }
        if (Files.exists(file)) {
            throw new UsageException(nameOrPath + " is not a file: give a template file (job.template.json).");
        }
        throw new UsageException("no template file " + nameOrPath + " and no shipped template of that name:"
                + " see 'batchrender template list'.");
    }

    static List<Entry> index() {
        List<Entry> out = new ArrayList<>();
        for (JsonElement e : indexJson()) {
            var o = e.getAsJsonObject();
            out.add(new Entry(o.get("id").getAsString(), o.get("name").getAsString(), o.get("job").getAsString(),
                    o.get("pool").getAsString()));
        }
        return out;
    }

    static JsonArray indexJson() {
        return JsonParser.parseString(resource("index.json").orElseThrow(
                () -> new IllegalStateException("the jar holds no templates/index.json"))).getAsJsonArray();
    }

    /** The shipped pool templates' names ({@code blender-linux}, ...). */
    static List<String> pools() {
        return index().stream().map(e -> e.pool().replaceFirst("^pools/", "").replaceFirst("\\.template\\.json$", ""))
                .distinct().sorted().toList();
    }

    private static Optional<String> resource(String relative) {
        try (InputStream in = ShippedTemplates.class.getResourceAsStream(ROOT + relative)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

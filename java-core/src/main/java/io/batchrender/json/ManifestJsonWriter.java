package io.batchrender.json;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.SceneManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a scan as the JSON of {@link JsonViews#manifest} while it runs, one file at a time, so that the report
 * of a scene naming 200,000 files is never held in memory: the same fields in the same order, pretty-printed as
 * {@link JsonViews#GSON} prints them.
 */
public final class ManifestJsonWriter implements SceneManifest.Listener {

    private final JsonWriter json;

    public ManifestJsonWriter(Writer out) {
        this.json = new JsonWriter(out);
        json.setIndent("  ");
        json.setHtmlSafe(false);
    }

    @Override
    public void scene(Path scene, Optional<Path> project, RenderSettings settings, List<String> plugins,
            Optional<String> rendererHint) {
        io(() -> {
            json.beginObject();
            for (Map.Entry<String, JsonElement> e : JsonViews.sceneHeader(scene, project, settings, plugins, rendererHint)
                    .entrySet()) {
                json.name(e.getKey());
                JsonViews.GSON.toJson(e.getValue(), json);
            }
            json.name("assets").beginArray();
        });
    }

    @Override
    public void asset(SceneManifest.SceneAsset asset) {
        io(() -> JsonViews.GSON.toJson(JsonViews.sceneAsset(asset), json));
    }

    @Override
    public void end(List<String> problems, SceneManifest.Counts counts) {
        io(() -> {
            json.endArray();
            json.name("problems");
            JsonViews.GSON.toJson(JsonViews.strings(problems), json);
            json.name("missing").value(counts.missing());
            json.endObject();
            json.flush();
        });
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void io(Io step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

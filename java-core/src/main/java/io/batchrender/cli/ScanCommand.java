package io.batchrender.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.RenderLayer;
import io.batchrender.scene.Resolution;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.MayaSceneException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"List every file a Maya scene needs (textures, caches, referenced scenes, at every depth),"
                + " found or missing, and its render settings.",
            "Exits 0 even when files are missing (they are part of the answer); non-zero only when the scene cannot be read."})
final class ScanCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "SCENE", description = "The Maya scene (.ma or .mb).")
    Path scene;

    @Option(names = "--search-path", paramLabel = "DIR", description = "Also look for missing files in this folder and below (repeatable).")
    List<Path> searchPaths = new ArrayList<>();

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    ScanCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        SceneManifest manifest;
        try {
            manifest = new SceneScanner(searchPaths, Path.of("").toAbsolutePath(), cli.env).scan(scene);
        } catch (MayaSceneException e) {
            throw new UsageException(e.getMessage());
        }
        if (json) {
            cli.out.println(JsonViews.GSON.toJson(toJson(manifest)));
        } else {
            print(manifest);
        }
        return 0;
    }

    static JsonObject toJson(SceneManifest m) {
        JsonObject o = new JsonObject();
        o.addProperty("scene", m.scene().toString());
        m.project().ifPresent(p -> o.addProperty("project", p.toString()));
        o.addProperty("renderer", m.settings().renderer());
        m.rendererHint().ifPresent(h -> o.addProperty("rendererHint", h));
        o.addProperty("animation", m.settings().animation());
        o.addProperty("frames", m.settings().frames());
        o.addProperty("outputPrefix", m.settings().outputPrefix());
        o.addProperty("imageFormat", m.settings().imageFormat());
        o.addProperty("padding", m.settings().padding());
        o.add("resolution", resolution(m.settings().resolution()));
        o.add("cameras", strings(m.settings().cameras()));
        JsonArray layers = new JsonArray();
        for (RenderLayer l : m.settings().layers()) {
            JsonObject lo = new JsonObject();
            lo.addProperty("name", l.name());
            lo.addProperty("renderable", l.renderable());
            lo.addProperty("frames", l.frames());
            lo.addProperty("outputPrefix", l.outputPrefix());
            lo.add("resolution", resolution(l.resolution()));
            lo.add("cameras", strings(l.cameras()));
            layers.add(lo);
        }
        o.add("layers", layers);
        o.add("plugins", strings(m.plugins()));
        JsonArray assets = new JsonArray();
        for (SceneManifest.SceneAsset sa : m.assets()) {
            ResolvedAsset a = sa.asset();
            JsonObject ao = new JsonObject();
            ao.addProperty("node", a.ref().node());
            ao.addProperty("nodeType", a.ref().nodeType());
            ao.addProperty("attribute", a.ref().attribute());
            ao.addProperty("path", a.ref().path());
            ao.add("files", strings(a.files().stream().map(Path::toString).toList()));
            ao.addProperty("status", a.status().label());
            a.foundBy().ifPresent(f -> ao.addProperty("foundBy", f));
            a.problem().ifPresent(p -> ao.addProperty("problem", p));
            ao.addProperty("namedIn", sa.namedIn().toString());
            if (sa.unloaded()) {
                ao.addProperty("unloaded", true);
            }
            assets.add(ao);
        }
        o.add("assets", assets);
        o.add("problems", strings(m.problems()));
        return o;
    }

    private void print(SceneManifest m) {
        var s = m.settings();
        cli.out.println("Scene     " + m.scene());
        cli.out.println("Project   " + m.project().map(Path::toString).orElse("(none: no workspace.mel above the scene)"));
        cli.out.println("Renderer  " + s.renderer() + "   frames " + s.frames() + "   " + s.resolution()
                + "   " + s.imageFormat() + "   prefix " + s.outputPrefix());
        m.rendererHint().ifPresent(h -> cli.out.println("Note      " + h));
        cli.out.println("Cameras   " + String.join(", ", s.cameras()));
        for (RenderLayer l : s.layers()) {
            cli.out.println("Layer     " + l.name() + (l.renderable() ? "" : " (not renderable)") + "   frames " + l.frames()
                    + "   " + l.resolution() + "   prefix " + l.outputPrefix());
        }
        cli.out.println();
        List<SceneManifest.SceneAsset> sorted = m.assets().stream()
                .sorted(Comparator.comparing((SceneManifest.SceneAsset a) -> a.asset().status() == ResolvedAsset.Status.FOUND))
                .toList();
        cli.out.printf("%-14s %-34s %-6s %s%n", "STATUS", "NODE", "FILES", "PATH");
        for (SceneManifest.SceneAsset sa : sorted) {
            ResolvedAsset a = sa.asset();
            String files = a.files().size() == 1 ? "1" : Integer.toString(a.files().size());
            cli.out.printf("%-14s %-34s %-6s %s%s%n", a.status().label(), a.ref().node() + "." + a.ref().attribute(), files,
                    a.ref().path(), a.foundBy().map(f -> "  (found: " + f + ")").orElse("")
                    + (sa.unloaded() ? "  (unloaded reference: not read, not needed to render)" : ""));
        }
        for (String p : m.problems()) {
            cli.out.println("problem: " + p);
        }
        cli.err.println(m.assets().size() + " file reference(s), " + m.missing() + " missing or empty");
    }

    private static JsonObject resolution(Resolution r) {
        JsonObject o = new JsonObject();
        o.addProperty("width", r.width());
        o.addProperty("height", r.height());
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray arr = new JsonArray();
        values.forEach(arr::add);
        return arr;
    }
}

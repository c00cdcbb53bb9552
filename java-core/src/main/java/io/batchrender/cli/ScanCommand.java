package io.batchrender.cli;

import io.batchrender.json.JsonViews;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.RenderLayer;
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
            cli.out.println(JsonViews.GSON.toJson(JsonViews.manifest(manifest)));
        } else {
            print(manifest);
        }
        return 0;
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
        for (var out : s.outputs()) {
            cli.out.println("Images    " + out.path() + "   (" + out.layer() + ", " + out.camera() + ")");
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
}

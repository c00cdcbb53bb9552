package io.batchrender.cli;

import io.batchrender.json.HostReferencesJson;
import io.batchrender.json.JsonViews;
import io.batchrender.json.ManifestJsonWriter;
import io.batchrender.scene.HostReferences;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.RenderLayer;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.MayaSceneException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"List every file a Maya scene needs (textures, caches, referenced scenes, at every depth),"
                + " found or missing, and its render settings; or, with --references, resolve the files the application"
                + " reported for the scene (a .blend: Blender's data-blocks, the core does not read the file).",
            "Exits 0 even when files are missing (they are part of the answer); non-zero only when the scene cannot be read."})
final class ScanCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "SCENE", description = "The Maya scene (.ma or .mb), or a .blend with --references.")
    Path scene;

    @Option(names = "--references", paramLabel = "FILE", description = "A JSON list of the scene's files as the"
            + " application reports them: [{\"node\", \"nodeType\", \"attribute\", \"path\"}...] (for a .blend, what"
            + " the Blender add-on lists: each data-block's absolute filepath). Only these are resolved.")
    Path references;

    @Option(names = "--search-path", paramLabel = "DIR", description = "Also look for missing files in this folder and below (repeatable).")
    List<Path> searchPaths = new ArrayList<>();

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    ScanCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (references != null) {
            return reported();
        }
        HostReferences.requireReadable(scene);
        SceneScanner scanner = new SceneScanner(searchPaths, Path.of("").toAbsolutePath(), cli.env);
        try {
            scanner.scan(scene, json ? new ManifestJsonWriter(cli.out) : new TextView());
        } catch (MayaSceneException e) {
            throw new UsageException(e.getMessage());
        }
        cli.out.flush();
        return 0;
    }

    /** The references in the {@code --references} file, resolved as the gateway's scan resolves them. */
    private int reported() {
        HostReferences refs = HostReferencesJson.read(SubmitCommand.readReferences(references));
        Path here = Path.of("").toAbsolutePath();
        SceneManifest m = refs.resolve(scene, searchPaths, here, cli.env, (done, total) -> { });
        if (json) {
            JsonViews.GSON.toJson(JsonViews.manifest(m), cli.out);
            cli.out.println();
        } else {
            TextView view = new TextView();
            cli.out.println("Scene     " + m.scene());
            cli.out.println("Files     as reported in " + references + " (the scene file itself is not read)");
            cli.out.println();
            cli.out.printf("%-14s %-6s %-40s %s%n", "STATUS", "FILES", "PATH", "NAMED BY");
            m.assets().forEach(view::asset);
            view.end(m.problems(), new SceneManifest.Counts(m.assets().size(),
                    m.assets().stream().mapToLong(SceneManifest.SceneAsset::nodeCount).sum(), m.missing()));
        }
        cli.out.flush();
        return 0;
    }

    /** How many node names a line shows; the count is always whole. */
    static final int NAMES_SHOWN = 3;

    /** The text view, a line per distinct file as it is resolved, in the order the scenes name them. */
    private final class TextView implements SceneManifest.Listener {

        @Override
        public void scene(Path top, Optional<Path> project, RenderSettings s, List<String> plugins,
                Optional<String> rendererHint) {
            cli.out.println("Scene     " + top);
            cli.out.println("Project   " + project.map(Path::toString).orElse("(none: no workspace.mel above the scene)"));
            cli.out.println("Renderer  " + s.renderer() + "   frames " + s.frames() + "   " + s.resolution()
                    + "   " + s.imageFormat() + "   prefix " + s.outputPrefix());
            rendererHint.ifPresent(h -> cli.out.println("Note      " + h));
            cli.out.println("Cameras   " + String.join(", ", s.cameras()));
            for (RenderLayer l : s.layers()) {
                cli.out.println("Layer     " + l.name() + (l.renderable() ? "" : " (not renderable)") + "   frames "
                        + l.frames() + "   " + l.resolution() + "   prefix " + l.outputPrefix());
            }
            for (var out : s.outputs()) {
                cli.out.println("Images    " + out.path() + "   (" + out.layer() + ", " + out.camera() + ")");
            }
            cli.out.println();
            cli.out.printf("%-14s %-6s %-40s %s%n", "STATUS", "FILES", "PATH", "NAMED BY");
        }

        @Override
        public void asset(SceneManifest.SceneAsset sa) {
            ResolvedAsset a = sa.asset();
            cli.out.printf("%-14s %-6s %-40s %s%s%n", a.status().label(), a.files().size(), a.ref().path(),
                    namedBy(sa, a.ref().attribute()), a.foundBy().map(f -> "  (found: " + f + ")").orElse("")
                    + (sa.unloaded() ? "  (unloaded reference: not read, not needed to render)" : ""));
        }

        @Override
        public void end(List<String> problems, SceneManifest.Counts counts) {
            for (String p : problems) {
                cli.out.println("problem: " + p);
            }
            cli.out.flush();
            cli.err.printf("%,d file(s) named by %,d node(s), %,d missing or empty%n", counts.files(), counts.nodeRefs(),
                    counts.missing());
        }
    }

    /** {@code file1.ftn}, or {@code 16,500 nodes: file1, file2, file3, ...}. */
    static String namedBy(SceneManifest.SceneAsset sa, String attribute) {
        if (sa.nodeCount() == 1) {
            return sa.nodes().get(0) + "." + attribute;
        }
        List<String> shown = sa.nodes().subList(0, Math.min(NAMES_SHOWN, sa.nodes().size()));
        return String.format("%,d nodes: %s%s", sa.nodeCount(), String.join(", ", shown),
                sa.nodeCount() > shown.size() ? ", ..." : "");
    }
}

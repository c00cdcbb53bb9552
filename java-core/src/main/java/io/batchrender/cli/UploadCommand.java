package io.batchrender.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.batchrender.json.JsonViews;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.MayaSceneException;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.AssetSync;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.FileFailure;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.RateLimit;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncPlan;
import io.batchrender.storage.SyncRequest;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.SyncResult;
import io.batchrender.compile.ScenePreflight;
import io.batchrender.submit.SceneUpload;
import io.batchrender.submit.TemplateMayaSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Sync files and folders into an asset project (an Azure Batch file group), sending only what changed.",
            "Unchanged files (same size and MD5 as the blob) are skipped without being read again."})
final class UploadCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--project", required = true, paramLabel = "NAME",
            description = "The asset project (letters, digits, '_' and '-'); its container is fgrp-NAME.")
    String project;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files and folders to upload (folders whole).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--from-scan", paramLabel = "SCENE",
            description = "Upload the scene and every file it needs that was found (as 'batchrender scan' lists them).")
    Path scene;

    @Option(names = "--search-path", paramLabel = "DIR", description = "With --from-scan: also look in this folder (repeatable).")
    List<Path> searchPaths = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATH", description = "Leave this file or folder out (repeatable).")
    List<Path> excluded = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N",
            description = "Exactly N files in flight at once (default: as many as fill the link, found while uploading).")
    Integer parallel;

    @Option(names = "--limit-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Upload at most this many bytes per second over all connections: 500k, 20M; 0: no limit (default).")
    String limitRate;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--dry-run", description = "Only say what would be uploaded and what is already there.")
    boolean dryRun;

    @Mixin
    StoreOption storeOption = new StoreOption();

    UploadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        String container;
        try {
            container = FileGroups.containerName(project);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (paths.isEmpty() && scene == null) {
            throw new UsageException("nothing to upload: give files or folders, or --from-scan SCENE");
        }
        if (parallel != null && (parallel < 1 || parallel > 256)) {
            throw new UsageException("--parallel must be between 1 and 256");
        }
        SyncOptions options;
        try {
            options = SyncOptions.defaults().withRateLimit(RateLimit.parse(limitRate));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--limit-rate: " + e.getMessage());
        }
        if (parallel != null) {
            options = options.withFixedParallel(parallel);
        }
        Set<Path> toSync = new LinkedHashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UsageException("no such file or folder: " + p.toAbsolutePath() + " (check the path)");
            }
            toSync.add(p.toAbsolutePath().normalize());
        }
        List<String> missing = new ArrayList<>();
        Optional<SceneUpload> mayaUpload = Optional.empty();
        if (scene != null) {
            SceneManifest m = scan();
            toSync.add(m.scene().toAbsolutePath().normalize());
            for (SceneManifest.SceneAsset sa : m.assets()) {
                ResolvedAsset a = sa.asset();
                if (a.status() == ResolvedAsset.Status.FOUND) {
                    a.files().forEach(f -> toSync.add(f.toAbsolutePath().normalize()));
                } else {
                    missing.add(a.ref().path());
                }
            }
            if (ScenePreflight.applies(scene)) { // Maya ASCII or Binary
                // a folder that would map to two places is a RenderSetupException: one line, exit 2
                mayaUpload = Optional.of(SceneUpload.of(scene, Optional.of(m)));
                toSync.addAll(mayaUpload.get().files()); // with the project's workspace.mel, which Render's -proj reads
            }
        }
        Optional<String> pathMapScript = mayaUpload.map(SceneUpload::pathMap).filter(r -> !r.isEmpty())
                .map(TemplateMayaSetup::script);
        SyncRequest request = new SyncRequest(container, List.copyOf(toSync), excluded);
        SyncResult r;
        try (AssetStore store = storeOption.open(cli); HashCache cache = AssetStores.hashCache(cli.home)) {
            if (dryRun) {
                printPlan(new AssetSync(store, cache, SyncOptions.defaults()).plan(request), store.describe(),
                        pathMapScript.isPresent());
                return 0;
            }
            SyncProgressView view = new SyncProgressView(cli.err, System.console() != null && !json);
            r = new AssetSync(store, cache, options).run(request, json ? p -> { } : view, new Cancellation());
            if (pathMapScript.isPresent()) {
                uploadPathMap(store, container, pathMapScript.get());
            }
            int rules = mayaUpload.map(u -> u.pathMap().size()).orElse(0);
            if (json) {
                JsonObject o = toJson(r, store.describe(), missing);
                if (pathMapScript.isPresent()) {
                    JsonObject pm = new JsonObject();
                    pm.addProperty("blob", TemplateMayaSetup.BLOB);
                    pm.addProperty("rules", rules);
                    o.add("mayaPathMap", pm);
                }
                cli.out.println(JsonViews.GSON.toJson(o));
            } else {
                print(r, store.describe(), missing);
                if (pathMapScript.isPresent()) {
                    cli.out.println("Maya path map: " + rules + " folder rule(s) in " + TemplateMayaSetup.BLOB
                            + " (the shipped Maya Linux templates load it before the scene opens)");
                }
            }
        }
        return r.failed().isEmpty() ? 0 : Main.EXIT_FAILED;
    }

    /** Writes the Maya path map as its blob, through a temp file removed afterwards. */
    private void uploadPathMap(AssetStore store, String container, String script) {
        Path temp = null;
        try {
            temp = Files.createTempFile("batchrender-usersetup", ".mel");
            Files.writeString(temp, script, StandardCharsets.UTF_8);
            store.upload(container, TemplateMayaSetup.BLOB, temp, Files.size(temp), null, n -> { }, new Cancellation());
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.OTHER, "cannot write the Maya path map to a temp file ("
                    + e.getMessage() + "): check the disk and run the upload again", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file; the system's cleaner takes it
                }
            }
        }
    }

    private void printPlan(SyncPlan plan, String where, boolean pathMap) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("project", project);
            o.addProperty("container", plan.container());
            o.addProperty("store", where);
            o.addProperty("toUpload", plan.toUpload());
            o.addProperty("skipped", plan.files().size() - plan.toUpload());
            o.addProperty("excluded", plan.excluded());
            o.addProperty("bytesToUpload", plan.bytesToUpload());
            JsonArray files = new JsonArray();
            for (SyncPlan.PlannedFile f : plan.files()) {
                JsonObject fo = new JsonObject();
                fo.addProperty("path", f.path());
                fo.addProperty("blobName", f.blobName());
                fo.addProperty("size", f.size());
                fo.addProperty("upload", f.upload());
                files.add(fo);
            }
            o.add("files", files);
            if (pathMap) {
                o.addProperty("mayaPathMap", TemplateMayaSetup.BLOB);
            }
            cli.out.println(JsonViews.GSON.toJson(o));
            return;
        }
        if (pathMap) {
            cli.out.println("upload  " + TemplateMayaSetup.BLOB + " (the Maya path map, made from the scan)");
        }
        for (SyncPlan.PlannedFile f : plan.files()) {
            cli.out.println((f.upload() ? "upload  " : "same    ") + f.path());
        }
        for (FileFailure f : plan.problems()) {
            cli.err.println("problem: " + f.path() + " (" + f.reason() + ")");
        }
        cli.out.println("Would upload " + plan.toUpload() + " file(s) (" + SyncProgressView.bytes(plan.bytesToUpload()) + ") to "
                + plan.container() + " in " + where + "; " + (plan.files().size() - plan.toUpload()) + " already there");
    }

    private SceneManifest scan() {
        if (!Files.isRegularFile(scene)) {
            throw new UsageException("no such scene: " + scene.toAbsolutePath() + " (check the path)");
        }
        try {
            return new SceneScanner(searchPaths, Path.of("").toAbsolutePath(), cli.env).scan(scene);
        } catch (MayaSceneException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private JsonObject toJson(SyncResult r, String where, List<String> missing) {
        JsonObject o = new JsonObject();
        o.addProperty("project", project);
        o.addProperty("container", r.container());
        o.addProperty("store", where);
        o.addProperty("filesTotal", r.filesTotal());
        o.addProperty("uploaded", r.uploaded());
        o.addProperty("skipped", r.skipped());
        o.addProperty("excluded", r.excluded());
        o.addProperty("hashed", r.hashed());
        o.addProperty("bytesUploaded", r.bytesUploaded());
        o.addProperty("bytesTotal", r.bytesTotal());
        o.addProperty("seconds", r.elapsed().toMillis() / 1000.0);
        JsonArray failed = new JsonArray();
        for (FileFailure f : r.failed()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("path", f.path());
            fo.addProperty("reason", f.reason());
            failed.add(fo);
        }
        o.add("failed", failed);
        JsonArray miss = new JsonArray();
        missing.forEach(miss::add);
        o.add("missing", miss);
        return o;
    }

    private void print(SyncResult r, String where, List<String> missing) {
        for (FileFailure f : r.failed()) {
            cli.err.println("failed: " + f.path() + " (" + f.reason() + ")");
        }
        for (String m : missing) {
            cli.err.println("missing: " + m + " (not found on this machine: see 'batchrender scan')");
        }
        cli.out.printf(Locale.ROOT, "%s -> %s in %s%n", project, r.container(), where);
        cli.out.printf(Locale.ROOT, "%d uploaded (%s), %d unchanged, %d failed%s in %.1f s%n", r.uploaded(),
                SyncProgressView.bytes(r.bytesUploaded()), r.skipped(), r.failed().size(),
                r.excluded() > 0 ? ", " + r.excluded() + " excluded" : "", r.elapsed().toMillis() / 1000.0);
        if (!r.failed().isEmpty()) {
            cli.err.println("Run the same command again to retry the failed files; finished files are not sent again.");
        }
    }
}

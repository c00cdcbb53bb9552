package io.batchrender.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.AssetSync;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.FileFailure;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncProgress;
import io.batchrender.storage.SyncRequest;
import io.batchrender.storage.SyncResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asset projects through the bridge: the sync ({@link AssetSync}, progress in bytes with the
 * sync's own rate and time left, cancel) and the list of projects, on the store the caller names
 * ({@code local} or {@code azure}; else what {@code storage.json} says).
 */
final class AssetCalls {

    static final Set<String> SYNC_FIELDS = Set.of("project", "paths", "excluded", "store");

    /** A sync request as read from JSON. */
    record Sync(Optional<String> store, SyncRequest request) {
    }

    private final StateHome home;
    private final Map<String, String> env;
    private final Path cwd;

    AssetCalls(StateHome home, Map<String, String> env, Path cwd) {
        this.home = home;
        this.env = env;
        this.cwd = cwd;
    }

    Sync parse(String json) {
        Requests r = Requests.parse(json, "sync", SYNC_FIELDS);
        String project = r.requireString("project");
        List<Path> paths = r.strings("paths").orElse(List.of()).stream().map(p -> cwd.resolve(p).normalize()).toList();
        if (paths.isEmpty()) {
            throw BridgeException.badRequest("The sync request has no files", "Add \"paths\": [files and folders].");
        }
        List<Path> excluded = r.strings("excluded").orElse(List.of()).stream().map(p -> cwd.resolve(p).normalize()).toList();
        FileGroups.containerName(project); // a bad project name is refused before anything starts
        return new Sync(store(r.string("store")), SyncRequest.forProject(project, paths).excluding(excluded));
    }

    static Optional<String> store(Optional<String> name) {
        return name.filter(s -> !s.isBlank()).map(s -> {
            if (!s.equals(AssetStores.LOCAL) && !s.equals(AssetStores.AZURE)) {
                throw BridgeException.badRequest("'" + s + "' is not a store", "Use \"local\" or \"azure\".");
            }
            return s;
        });
    }

    /** Runs the sync on the operation's thread; the operation's progress follows the sync's, in bytes. */
    JsonObject sync(Sync sync, OperationContext ctx) {
        ctx.progress(0, 0, 0, "Looking at the files.");
        try (CancelWatch watch = new CancelWatch(ctx);
             AssetStore store = AssetStores.open(home, env, sync.store());
             HashCache cache = AssetStores.hashCache(home)) {
            Cancellation cancel = watch.cancellation();
            SyncResult r = new AssetSync(store, cache, SyncOptions.defaults())
                    .run(sync.request(), p -> ctx.progress(p.bytesDone(), p.bytesTotal(), p.bytesPerSecond(), message(p)), cancel);
            if (r.cancelled() || ctx.cancelRequested()) {
                ctx.checkCancelled();
                throw new BridgeException(new BridgeError(BridgeError.CANCELLED, "The operation was cancelled.", ""));
            }
            return view(r, store.describe());
        }
    }

    /** "Uploading 3 of 12 files · 120.0 MB of 500.0 MB · 40 s left". */
    static String message(SyncProgress p) {
        String what = switch (p.phase()) {
            case SCANNING -> "Looking at the files";
            case LISTING -> "Listing the asset project";
            case SYNCING -> "Uploading";
            case DONE -> "Done";
            case CANCELLED -> "Cancelled";
        };
        StringBuilder b = new StringBuilder(what).append(": ").append(p.filesDone()).append(" of ").append(p.filesTotal())
                .append(" files · ").append(mb(p.bytesDone())).append(" of ").append(mb(p.bytesTotal()));
        p.eta().ifPresent(eta -> b.append(" · ").append(Math.max(0, eta.toSeconds())).append(" s left"));
        return b.toString();
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static JsonObject view(SyncResult r, String where) {
        JsonObject o = new JsonObject();
        o.addProperty("store", where);
        o.addProperty("container", r.container());
        o.addProperty("project", FileGroups.projectOf(r.container()).orElse(r.container()));
        o.addProperty("files", r.filesTotal());
        o.addProperty("uploaded", r.uploaded());
        o.addProperty("skipped", r.skipped());
        o.addProperty("excluded", r.excluded());
        o.addProperty("hashed", r.hashed());
        o.addProperty("bytesUploaded", r.bytesUploaded());
        o.addProperty("bytesTotal", r.bytesTotal());
        o.addProperty("seconds", r.elapsed().toMillis() / 1000.0);
        o.addProperty("complete", r.complete());
        JsonArray failed = new JsonArray();
        for (FileFailure f : r.failed()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("path", f.path().toString());
            fo.addProperty("reason", f.reason());
            failed.add(fo);
        }
        o.add("failed", failed);
        return o;
    }

    /** Every asset project in the store: name, container, files, bytes. */
    JsonArray projects(Optional<String> storeName) {
        JsonArray arr = new JsonArray();
        try (AssetStore store = AssetStores.open(home, env, store(storeName))) {
            for (String c : store.containers(FileGroups.PREFIX)) {
                List<BlobInfo> blobs = store.list(c, "");
                JsonObject o = new JsonObject();
                o.addProperty("project", FileGroups.projectOf(c).orElse(c));
                o.addProperty("container", c);
                o.addProperty("files", blobs.size());
                o.addProperty("bytes", blobs.stream().mapToLong(BlobInfo::size).sum());
                arr.add(o);
            }
        }
        return arr;
    }
}

package io.batchrender.watch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes a watcher's {@code state.json}; writes go to a temp file, forced to disk, then renamed over. */
public final class WatchStateFile {

    private WatchStateFile() {
    }

    public static Optional<WatchState> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject()));
        } catch (RuntimeException bad) {
            throw new IOException("the watcher state " + file + " is damaged (" + bad.getMessage()
                    + "): remove it to start over (files already fetched are kept and checked again)", bad);
        }
    }

    public static void write(Path file, WatchState state) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, toJson(state).toString(), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The state as the bridge and {@code watchers --json} show it. */
    public static JsonObject toJson(WatchState s) {
        JsonObject o = new JsonObject();
        o.addProperty("jobId", s.jobId());
        o.addProperty("destination", s.destination().toString());
        o.addProperty("status", s.status().wire());
        o.addProperty("pid", s.pid());
        o.addProperty("started", s.started().toString());
        o.addProperty("updated", s.updated().toString());
        o.addProperty("message", s.message());
        o.addProperty("tasksTotal", s.tasksTotal());
        o.addProperty("tasksFetched", s.tasksFetched());
        s.latestThumbnail().ifPresent(t -> o.addProperty("latestThumbnail", t));
        JsonArray files = new JsonArray();
        for (FetchedFile f : s.files()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("name", f.name());
            fo.addProperty("taskId", f.taskId());
            fo.addProperty("size", f.size());
            fo.addProperty("sha256", f.sha256());
            f.thumbnail().ifPresent(t -> fo.addProperty("thumbnail", t));
            fo.addProperty("fetched", f.fetched().toString());
            files.add(fo);
        }
        o.add("files", files);
        JsonArray failures = new JsonArray();
        s.failures().forEach(failures::add);
        o.add("failures", failures);
        return o;
    }

    static WatchState fromJson(JsonObject o) {
        List<FetchedFile> files = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("files")) {
            JsonObject f = e.getAsJsonObject();
            files.add(new FetchedFile(f.get("name").getAsString(), f.get("taskId").getAsString(), f.get("size").getAsLong(),
                    f.get("sha256").getAsString(),
                    f.has("thumbnail") ? Optional.of(f.get("thumbnail").getAsString()) : Optional.empty(),
                    Instant.parse(f.get("fetched").getAsString())));
        }
        List<String> failures = new ArrayList<>();
        if (o.has("failures")) {
            o.getAsJsonArray("failures").forEach(e -> failures.add(e.getAsString()));
        }
        return new WatchState(o.get("jobId").getAsString(), Path.of(o.get("destination").getAsString()),
                WatchStatus.fromWire(o.get("status").getAsString()), o.get("pid").getAsLong(),
                Instant.parse(o.get("started").getAsString()), Instant.parse(o.get("updated").getAsString()),
                o.get("message").getAsString(), o.get("tasksTotal").getAsInt(), o.get("tasksFetched").getAsInt(),
                files, failures);
    }
}

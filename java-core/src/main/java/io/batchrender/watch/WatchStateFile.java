package io.batchrender.watch;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a watcher's state: {@code state.json} (status, counts, message; small, written
 * to a temp file, forced to disk, renamed over) and the {@link FileJournal} of landed outputs.
 */
public final class WatchStateFile {

    private WatchStateFile() {
    }

    /** The saved state with every landed file. */
    public static Optional<WatchState> read(WatchPaths paths) throws IOException {
        Optional<WatchState> status = readStatus(paths);
        if (status.isEmpty()) {
            return status;
        }
        return Optional.of(status.get().withFiles(List.copyOf(FileJournal.read(paths.journal()).values())));
    }

    /**
     * The saved status only, with the count of files and the latest thumbnail but {@code files} empty: one small
     * file read, however many outputs landed (what the panel asks every 2 s).
     */
    public static Optional<WatchState> readStatus(WatchPaths paths) throws IOException {
        Path file = paths.state();
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

    /** Saves the status (the files go to the journal as they land; the count and latest thumbnail are kept here for people). */
    public static void write(WatchPaths paths, WatchState state) throws IOException {
        Path file = paths.state();
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JsonObject o = toJson(state, false);
        Files.writeString(temp, o.toString(), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The state as the bridge and {@code watchers --json} show it; {@code withFiles}: every landed file too. */
    public static JsonObject toJson(WatchState s, boolean withFiles) {
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
        JsonArray failures = new JsonArray();
        s.failures().forEach(failures::add);
        o.add("failures", failures);
        o.addProperty("filesFetched", s.filesFetched());
        s.latestThumbnail().ifPresent(t -> o.addProperty("latestThumbnail", t));
        if (withFiles) {
            JsonArray files = new JsonArray();
            s.files().forEach(f -> files.add(FileJournal.toJson(f)));
            o.add("files", files);
        }
        return o;
    }

    static WatchState fromJson(JsonObject o) {
        List<String> failures = new ArrayList<>();
        if (o.has("failures")) {
            o.getAsJsonArray("failures").forEach(e -> failures.add(e.getAsString()));
        }
        return new WatchState(o.get("jobId").getAsString(), Path.of(o.get("destination").getAsString()),
                WatchStatus.fromWire(o.get("status").getAsString()), o.get("pid").getAsLong(),
                Instant.parse(o.get("started").getAsString()), Instant.parse(o.get("updated").getAsString()),
                o.get("message").getAsString(), o.get("tasksTotal").getAsInt(), o.get("tasksFetched").getAsInt(),
                o.has("filesFetched") ? o.get("filesFetched").getAsInt() : 0,
                o.has("latestThumbnail") ? Optional.of(o.get("latestThumbnail").getAsString()) : Optional.empty(),
                List.of(), failures);
    }
}

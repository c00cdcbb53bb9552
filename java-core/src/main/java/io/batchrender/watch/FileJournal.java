package io.batchrender.watch;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The outputs a watcher has landed, one JSON line each, appended and forced to disk as each one
 * lands: saving costs the same for the first frame and the ten-thousandth. A line cut short by a
 * kill is skipped when read (that output is checked on disk again).
 */
final class FileJournal {

    private static final Logger LOG = Logger.getLogger(FileJournal.class.getName());

    private FileJournal() {
    }

    static void append(Path journal, FetchedFile f) throws IOException {
        Files.createDirectories(journal.getParent());
        byte[] line = (toJson(f) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    /** The files in landing order; a file listed twice keeps its last line. */
    static Map<String, FetchedFile> read(Path journal) throws IOException {
        Map<String, FetchedFile> files = new LinkedHashMap<>();
        if (!Files.isRegularFile(journal)) {
            return files;
        }
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    FetchedFile f = fromJson(JsonParser.parseString(line).getAsJsonObject());
                    files.remove(f.name());
                    files.put(f.name(), f);
                } catch (RuntimeException torn) {
                    LOG.info("skipping a damaged line of " + journal + " (cut short by a kill?)");
                }
            }
        }
        return files;
    }

    /** How many lines the journal has (0 when there is none): more than its files when one was fetched again. */
    static long lines(Path journal) throws IOException {
        if (!Files.isRegularFile(journal)) {
            return 0;
        }
        // an InputStreamReader replaces bytes a kill cut short, where Files.lines would throw
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(journal),
                StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.isBlank()).count();
        }
    }

    /** Rewrites the journal with one line per file (temp file, forced, renamed over). */
    static void compact(Path journal, Collection<FetchedFile> files) throws IOException {
        Files.createDirectories(journal.getParent());
        Path temp = journal.resolveSibling(journal.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder();
        files.forEach(f -> sb.append(toJson(f)).append('\n'));
        Files.writeString(temp, sb, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static JsonObject toJson(FetchedFile f) {
        JsonObject fo = new JsonObject();
        fo.addProperty("name", f.name());
        fo.addProperty("taskId", f.taskId());
        fo.addProperty("size", f.size());
        fo.addProperty("sha256", f.sha256());
        f.thumbnail().ifPresent(t -> fo.addProperty("thumbnail", t));
        fo.addProperty("fetched", f.fetched().toString());
        return fo;
    }

    static FetchedFile fromJson(JsonObject f) {
        return new FetchedFile(f.get("name").getAsString(), f.get("taskId").getAsString(), f.get("size").getAsLong(),
                f.get("sha256").getAsString(),
                f.has("thumbnail") ? Optional.of(f.get("thumbnail").getAsString()) : Optional.empty(),
                Instant.parse(f.get("fetched").getAsString()));
    }
}

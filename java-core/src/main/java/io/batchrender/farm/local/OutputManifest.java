package io.batchrender.farm.local;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingInputStream;
import com.google.common.io.ByteStreams;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.Checksum;
import io.batchrender.farm.OutputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The list of files a successful attempt published ({@code outputs.json} in its attempt folder),
 * written atomically before the attempt is recorded as succeeded, so a watcher can fetch and
 * verify exactly those files: the files published into the job's output folder, named relative to
 * it, with their SHA-256; the blobs uploaded to the local store, with their container and MD5.
 */
final class OutputManifest {

    static final String FILE = "outputs.json";

    /** One listed file, and the local store's container it is in when it is not in the job's output folder. */
    record Entry(OutputFile file, Optional<String> container) {
        static Entry published(OutputFile file) {
            return new Entry(file, Optional.empty());
        }
    }

    private OutputManifest() {
    }

    /** Describes a file about to be published as {@code name}: its size and SHA-256. */
    static OutputFile describe(String taskId, String name, Path file) throws IOException {
        try (HashingInputStream in = new HashingInputStream(Hashing.sha256(), Files.newInputStream(file))) {
            long size = ByteStreams.exhaust(in);
            return new OutputFile(taskId, name, size, Optional.of(Checksum.sha256(in.hash().asBytes())));
        }
    }

    static void write(Path manifest, List<Entry> entries) throws IOException {
        JsonArray arr = new JsonArray();
        for (Entry e : entries) {
            OutputFile f = e.file();
            JsonObject o = new JsonObject();
            o.addProperty("name", f.name());
            o.addProperty("size", f.size());
            f.checksum().ifPresent(c -> o.addProperty(c.algorithm().equals(Checksum.MD5) ? "md5" : "sha256", c.hex()));
            e.container().ifPresent(c -> o.addProperty("container", c));
            arr.add(o);
        }
        Files.createDirectories(manifest.getParent());
        Path temp = manifest.resolveSibling(FILE + ".tmp");
        Files.writeString(temp, arr.toString(), StandardCharsets.UTF_8);
        Files.move(temp, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The files listed in {@code manifest}; empty when it does not exist. Names that would leave the folder are refused. */
    static List<Entry> read(String taskId, Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try {
            for (JsonElement e : JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8)).getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                Optional<Checksum> sum = o.has("sha256") ? Optional.of(new Checksum(Checksum.SHA256, o.get("sha256").getAsString()))
                        : o.has("md5") ? Optional.of(new Checksum(Checksum.MD5, o.get("md5").getAsString())) : Optional.empty();
                Optional<String> container = o.has("container") ? Optional.of(o.get("container").getAsString()) : Optional.empty();
                out.add(new Entry(new OutputFile(taskId, o.get("name").getAsString(), o.get("size").getAsLong(), sum), container));
            }
        } catch (RuntimeException bad) {
            throw new IOException("the output list " + manifest + " is damaged (" + bad.getMessage() + ")", bad);
        }
        return out;
    }
}

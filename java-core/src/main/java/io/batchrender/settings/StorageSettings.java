package io.batchrender.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which store asset projects go to, and how to reach Azure Storage: {@code storage.json} in the
 * state folder. It may hold a secret (an account key or connection string), so it is written
 * readable by the user only (0600), through a temp file renamed into place. Values set in the
 * environment win over the file.
 *
 * @param store the store: {@code local} (default) or {@code azure}
 * @param azure Azure Storage values by their environment-variable names ({@code AZURE_STORAGE_ACCOUNT}, ...)
 */
public record StorageSettings(String store, Map<String, String> azure) {

    public static final String FILE = "storage.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public StorageSettings {
        azure = Map.copyOf(azure);
    }

    public static StorageSettings defaults() {
        return new StorageSettings("local", Map.of());
    }

    /** The settings in {@code home}, or the defaults when there is no file. */
    public static StorageSettings load(StateHome home) {
        Path file = home.dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            String store = o.has("store") ? o.get("store").getAsString() : "local";
            Map<String, String> azure = new LinkedHashMap<>();
            if (o.has("azure")) {
                o.getAsJsonObject("azure").entrySet().forEach(e -> azure.put(e.getKey(), e.getValue().getAsString()));
            }
            return new StorageSettings(store, azure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + " is not valid settings JSON: fix or delete it ("
                    + e.getMessage() + ")");
        }
    }

    public Optional<String> azureValue(String name) {
        return Optional.ofNullable(azure.get(name));
    }

    /** Writes the settings to {@code home} atomically, readable by the user only. */
    public void save(StateHome home) {
        Path dir = home.ensure();
        JsonObject o = new JsonObject();
        o.addProperty("store", store);
        JsonObject az = new JsonObject();
        azure.forEach(az::addProperty);
        o.add("azure", az);
        PrivateFile.write(dir, FILE, GSON.toJson(o) + "\n");
    }

    @Override
    public String toString() {
        return "StorageSettings[store=" + store + ", azure=" + azure.keySet() + "]";
    }
}

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure Batch account (URL, name, shared key or Entra ID): {@code batch.json} in the state folder, beside
 * {@code storage.json} and written the same way (0600, temp file renamed into place). Values are
 * kept under the Azure CLI's variable names; the same variables set in the environment win.
 *
 * @param values {@code AZURE_BATCH_ENDPOINT}, {@code AZURE_BATCH_ACCOUNT}, {@code AZURE_BATCH_ACCESS_KEY},
 *               {@code AZURE_BATCH_AUTH_MODE}
 */
public record BatchSettings(Map<String, String> values) {

    public static final String FILE = "batch.json";
    public static final String ENDPOINT = "AZURE_BATCH_ENDPOINT";
    public static final String ACCOUNT = "AZURE_BATCH_ACCOUNT";
    public static final String ACCESS_KEY = "AZURE_BATCH_ACCESS_KEY";
    /** {@code aad} (Microsoft Entra ID) or {@code shared_key}; without it, Entra ID when no key is set. */
    public static final String AUTH_MODE = "AZURE_BATCH_AUTH_MODE";
    public static final List<String> NAMES = List.of(ENDPOINT, ACCOUNT, ACCESS_KEY, AUTH_MODE);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public BatchSettings {
        Map<String, String> clean = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!NAMES.contains(k)) {
                throw new IllegalArgumentException("'" + k + "' is not a Batch account setting: use one of " + NAMES);
            }
            if (v != null && !v.isBlank()) {
                clean.put(k, v.strip());
            }
        });
        values = Map.copyOf(clean);
    }

    /** The settings in {@code home}, or none when there is no file. */
    public static BatchSettings load(StateHome home) {
        Path file = home.dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new BatchSettings(Map.of());
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, String> v = new LinkedHashMap<>();
            o.entrySet().forEach(e -> v.put(e.getKey(), e.getValue().getAsString()));
            return new BatchSettings(v);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + " is not valid settings JSON: fix or delete it");
        }
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A copy with {@code name} set to {@code value}, or removed when the value is blank. */
    public BatchSettings with(String name, String value) {
        Map<String, String> v = new HashMap<>(values);
        v.put(name, value);
        return new BatchSettings(v);
    }

    /** {@code env} with these settings filling what it leaves unset: what the Azure farm reads. */
    public Map<String, String> under(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        values.forEach((k, v) -> {
            String e = env.get(k);
            if (e == null || e.isBlank()) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    /** Writes the settings to {@code home} atomically, readable by the user only. */
    public void save(StateHome home) {
        JsonObject o = new JsonObject();
        values.forEach(o::addProperty);
        PrivateFile.write(home.ensure(), FILE, GSON.toJson(o) + "\n");
    }

    @Override
    public String toString() {
        return "BatchSettings[account=" + values.getOrDefault(ACCOUNT, "") + " at " + values.getOrDefault(ENDPOINT, "")
                + ", key " + (values.containsKey(ACCESS_KEY) ? "set" : "unset")
                + (values.containsKey(AUTH_MODE) ? ", auth " + values.get(AUTH_MODE) : "") + "]";
    }
}

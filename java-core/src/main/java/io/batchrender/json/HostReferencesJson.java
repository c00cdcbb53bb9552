package io.batchrender.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.assets.AssetReference;
import io.batchrender.assets.TilingMode;
import io.batchrender.scene.HostReferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The references a host application reports, as JSON: a list of {@code {"node", "nodeType", "attribute", "path",
 * "tiling"?, "frameSequence"?, "unloaded"?}} (the bridge's {@code references}, the CLI's {@code --references FILE}).
 * A field that is misspelt or of the wrong type is an {@link IllegalArgumentException} with a one-line reason.
 */
public final class HostReferencesJson {

    public static final Set<String> FIELDS = Set.of("node", "nodeType", "attribute", "path", "tiling", "frameSequence",
            "unloaded");
    private static final String SHAPE = "a list of {node, nodeType, attribute, path}";

    private HostReferencesJson() {
    }

    /** The references in {@code json} text (a file's content). */
    public static HostReferences read(String json) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (RuntimeException bad) {
            throw new IllegalArgumentException("The references are not JSON (" + bad.getMessage() + "): write " + SHAPE + ".");
        }
        return read(e);
    }

    /** The references in a JSON list; fields left out default to Maya's file texture ({@code file.fileTextureName}). */
    public static HostReferences read(JsonElement refs) {
        if (refs == null || !refs.isJsonArray()) {
            throw new IllegalArgumentException("The references must be " + SHAPE + ".");
        }
        List<AssetReference> list = new ArrayList<>();
        Set<AssetReference> unloaded = new HashSet<>();
        int i = 0;
        for (JsonElement e : refs.getAsJsonArray()) {
            i++;
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("Reference " + i + " is not an object: the references must be " + SHAPE + ".");
            }
            JsonObject o = e.getAsJsonObject();
            for (String key : o.keySet()) {
                if (!FIELDS.contains(key)) {
                    throw new IllegalArgumentException("Reference " + i + " has no field '" + key + "': its fields are "
                            + String.join(", ", new TreeSet<>(FIELDS)) + ".");
                }
            }
            String path = string(o, "path", i, "");
            if (path.isBlank()) {
                throw new IllegalArgumentException("Reference " + i + " needs 'path': the file's path as the application resolves it.");
            }
            TilingMode tiling = o.has("tiling") && !o.get("tiling").isJsonNull() ? tiling(string(o, "tiling", i, "")) : TilingMode.OFF;
            AssetReference ref = new AssetReference(string(o, "node", i, "maya"), string(o, "nodeType", i, "file"),
                    string(o, "attribute", i, "fileTextureName"), path, tiling, bool(o, "frameSequence", i));
            list.add(ref);
            if (bool(o, "unloaded", i)) {
                unloaded.add(ref);
            }
        }
        return new HostReferences(list, unloaded);
    }

    private static String string(JsonObject o, String key, int i, String fallback) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + key + "' of reference " + i + " must be a string.");
        }
        return e.getAsString();
    }

    private static boolean bool(JsonObject o, String key, int i) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' of reference " + i + " must be true or false.");
        }
        return e.getAsBoolean();
    }

    private static TilingMode tiling(String name) {
        for (TilingMode m : TilingMode.values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a tiling mode: use one of "
                + Arrays.toString(TilingMode.values()) + ".");
    }
}

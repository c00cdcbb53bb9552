package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.render.TestScenes;
import io.batchrender.scene.FileNodeScenes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan} of the file-node-heavy scenes of issue 18, built small from maya-usd's OpenPBRShowcase.ma
 * ({@link FileNodeScenes}): one entry per distinct file with its nodes, whatever the number of nodes. The expected
 * values are counted in the generated file's text, not taken from the scanner.
 */
class ScanGroupingTest {

    private static final Pattern FILE_NODE = Pattern.compile(
            "createNode file -n \"([^\"]+)\";\\n(?:\\t[^\\n]*\\n)*?\\tsetAttr \"\\.ftn\" -type \"string\" \"([^\"]+)\";");

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BATCHRENDER_HOME", tmp.resolve("state").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Texture path → the file nodes naming it, in file order, read from the scene's text. */
    private static Map<String, List<String>> fileNodesByTexture(Path scene) throws IOException {
        Map<String, List<String>> byTexture = new LinkedHashMap<>();
        Matcher m = FILE_NODE.matcher(Files.readString(scene, StandardCharsets.UTF_8));
        while (m.find()) {
            byTexture.computeIfAbsent(m.group(2), k -> new java.util.ArrayList<>()).add(m.group(1));
        }
        return byTexture;
    }

    private static Map<String, JsonObject> byPath(JsonArray assets) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (JsonElement e : assets) {
            JsonObject a = e.getAsJsonObject();
            assertEquals(null, out.put(a.get("path").getAsString(), a), "listed twice: " + a.get("path"));
        }
        return out;
    }

    @Test
    void thousandsOfFileNodesNamingThreeTexturesAreThreeEntriesWithTheirNodes() throws IOException {
        Path showcase = TestScenes.testData(FileNodeScenes.SHOWCASE);
        Path scene = FileNodeScenes.showcase(showcase, tmp.resolve("showcase.ma"), 400);
        Map<String, List<String>> expected = fileNodesByTexture(scene);
        assertEquals(3, expected.size(), expected.keySet().toString());
        assertEquals(3600, expected.values().stream().mapToInt(List::size).sum()); // 9 file nodes a copy

        Result json = run("scan", scene.toString(), "--json");

        assertEquals(0, json.code(), json.err());
        JsonObject m = JsonParser.parseString(json.out()).getAsJsonObject();
        Map<String, JsonObject> assets = byPath(m.getAsJsonArray("assets"));
        assertEquals(expected.keySet(), assets.keySet());
        expected.forEach((texture, nodes) -> {
            JsonObject a = assets.get(texture);
            assertEquals(nodes.size(), a.get("nodeCount").getAsInt(), texture);
            assertEquals(nodes.get(0), a.get("node").getAsString(), texture);
            List<String> first = a.getAsJsonArray("nodes").asList().stream().map(JsonElement::getAsString).toList();
            assertEquals(nodes.subList(0, 5), first, texture);
            // the textures sit beside the showcase, not beside the generated copy
            assertEquals("missing", a.get("status").getAsString());
        });
        assertEquals(3, m.get("missing").getAsInt());

        Result text = run("scan", scene.toString());
        List<String> lines = text.out().lines().filter(l -> l.startsWith("missing ")).toList();
        assertEquals(3, lines.size(), text.out());
        expected.forEach((texture, nodes) -> assertTrue(lines.stream().anyMatch(l -> l.contains(texture)
                && l.contains(String.format("%,d nodes: %s, %s, %s, ...", nodes.size(), nodes.get(0), nodes.get(1),
                nodes.get(2)))), texture + " in\n" + text.out()));
        assertTrue(text.err().contains("3 file(s) named by 3,600 node(s), 3 missing"), text.err());
    }

    @Test
    void theTexturesAreFoundWhenTheSceneSitsBesideThem() throws IOException {
        // the generated copy in the showcase's own folder would be a write into ../shared: a search path finds them
        Path showcase = TestScenes.testData(FileNodeScenes.SHOWCASE);
        Path scene = FileNodeScenes.showcase(showcase, tmp.resolve("showcase.ma"), 3);

        Result json = run("scan", scene.toString(), "--json", "--search-path", showcase.getParent().toString());

        JsonObject m = JsonParser.parseString(json.out()).getAsJsonObject();
        Map<String, JsonObject> assets = byPath(m.getAsJsonArray("assets"));
        assertEquals(3, assets.size());
        for (JsonObject a : assets.values()) {
            assertEquals("found", a.get("status").getAsString(), a.toString());
            assertEquals(1, a.getAsJsonArray("files").size());
        }
        assertEquals(0, m.get("missing").getAsInt());
    }

    @Test
    void everyTileOfALibraryIsItsOwnEntryFoundWhereWritten() throws IOException {
        Path showcase = TestScenes.testData(FileNodeScenes.SHOWCASE);
        Path scene = FileNodeScenes.udimLibrary(showcase, tmp.resolve("lib"), 150, 10, true);
        Map<String, List<String>> expected = fileNodesByTexture(scene);
        assertEquals(1500, expected.size());

        Result json = run("scan", scene.toString(), "--json");

        JsonObject m = JsonParser.parseString(json.out()).getAsJsonObject();
        Map<String, JsonObject> assets = byPath(m.getAsJsonArray("assets"));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(assets.keySet()));   // in the scene's order
        expected.forEach((tile, nodes) -> {
            JsonObject a = assets.get(tile);
            assertEquals(1, a.get("nodeCount").getAsInt());
            assertEquals(nodes.get(0), a.get("node").getAsString());
            assertEquals("found", a.get("status").getAsString(), tile);
            assertEquals(Path.of(tile).toString(), a.getAsJsonArray("files").get(0).getAsString());
        });
    }
}

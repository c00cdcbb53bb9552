package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The createNode fast path reads what the general tokenizer reads, or declines. */
class CreateNodeBytesTest {

    private static CreateNodeBytes.CreateNode fast(String statement) {
        byte[] b = statement.getBytes(StandardCharsets.UTF_8);
        return CreateNodeBytes.parse(b, b.length, StandardCharsets.UTF_8);
    }

    /** The general path: tokens, then the flags the way {@link MayaAsciiCommands} reads them. */
    private static CreateNodeBytes.CreateNode general(String statement) throws IOException {
        byte[] b = statement.getBytes(StandardCharsets.UTF_8);
        MelStatement s = new MelStatementReader(new MelByteTokens(b, b.length, StandardCharsets.UTF_8, "t.ma", 1),
                c -> true, 1 << 20).next();
        MelArgs a = MelArgs.parse(s.args(), Set.of("n", "name", "p", "parent"));
        return new CreateNodeBytes.CreateNode(a.positional().get(0), a.value("n", "name").orElse(""),
                a.value("p", "parent"), a.has("ss", "skipSelect"));
    }

    @Test
    void readsTheShapesMayaWrites() {
        assertEquals(new CreateNodeBytes.CreateNode("transform", "persp", Optional.empty(), false),
                fast("createNode transform -s -n \"persp\";"));
        assertEquals(new CreateNodeBytes.CreateNode("camera", "perspShape", Optional.of("persp"), false),
                fast("createNode camera -s -n \"perspShape\" -p \"persp\";"));
        assertEquals(new CreateNodeBytes.CreateNode("mesh", "pCubeShape1", Optional.of("|pCube1"), true),
                fast("createNode mesh -n \"pCubeShape1\" -p \"|pCube1\" -ss;"));
        assertEquals(new CreateNodeBytes.CreateNode("file", "tex", Optional.empty(), true),
                fast("createNode file -skipSelect -name \"tex\";"));
        assertEquals(new CreateNodeBytes.CreateNode("file", "", Optional.empty(), false), fast("createNode file;"));
        assertEquals(new CreateNodeBytes.CreateNode("file", "", Optional.empty(), false),
                fast("createNode\n\tfile -n -s;"), "a flag is not the name");
        assertEquals(new CreateNodeBytes.CreateNode("file", "b", Optional.empty(), false),
                fast("createNode file -n \"a\" -n \"b\";"), "the last one wins");
        assertEquals(new CreateNodeBytes.CreateNode("file", "é", Optional.empty(), false),
                fast("createNode file -n \"é\";"));
    }

    @Test
    void declinesWhatOnlyTheGeneralPathReads() {
        assertNull(fast("createNode file -n \"a\\\"b\";"), "an escape");
        assertNull(fast("createNode file -n (\"a\" + \"b\");"), "concatenation");
        assertNull(fast("createNode file // comment\n -n \"a\";"), "a comment");
        assertNull(fast("createNode file -n \"a\""), "no semicolon");
        assertNull(fast("createNode -n \"a\";"), "no type");
        assertNull(fast("createNode file -é \"a\";"), "a non-ASCII flag");
    }

    @Test
    void agreesWithTheGeneralPathOnEveryCreateNodeOfTheRealScenes() throws IOException {
        int compared = 0;
        for (var entry : MayaTestData.asciiSceneLines()) {
            Path scene = entry.getKey();
            String line = entry.getValue();
            if (!line.startsWith("createNode ") || !line.endsWith(";")) {
                continue;
            }
            String utf8 = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            CreateNodeBytes.CreateNode fast = fast(utf8);
            if (fast != null) {
                assertEquals(general(utf8), fast, scene + ": " + line);
                compared++;
            }
        }
        assertTrue(compared > 500, "only " + compared + " createNode statements compared");
    }
}

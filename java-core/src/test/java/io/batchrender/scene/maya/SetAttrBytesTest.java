package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The attribute of a setAttr read from its first bytes is the one the full reading finds, or none. */
class SetAttrBytesTest {

    private static String peek(String statement) {
        byte[] b = statement.getBytes(StandardCharsets.UTF_8);
        return SetAttrBytes.attribute(b, "setAttr".length(), b.length);
    }

    @Test
    void readsTheShapesMayaWrites() {
        assertEquals(".ftn", peek("setAttr \".ftn\" -type \"string\" \"D:/tex/a.png\";"));
        assertEquals(".v", peek("setAttr -k off \".v\" no;"));
        assertEquals(".vt[0:7]", peek("setAttr -s 8 \".vt[0:7]\" 1 2 3;"));
        assertEquals(".tx", peek("setAttr -l on -k off \".tx\";"));
        assertEquals(".x", peek("setAttr -av \".x\" 1;"));
        assertEquals(".a", peek("setAttr -type \"string\" \".a\" \"v\";"));
        assertEquals("defaultRenderGlobals.ren", peek("setAttr \"defaultRenderGlobals.ren\" -type \"string\" \"arnold\";"));
        assertEquals(".uvst[0].uvsn", peek("setAttr\n\t\t\".uvst[0].uvsn\" -type \"string\" \"map1\";"));
    }

    @Test
    void saysNothingWhenTheBytesAreNotPlain() {
        assertNull(peek("setAttr \".a\\\"b\" 1;"), "an escape");
        assertNull(peek("setAttr (\".a\" + \"b\") 1;"), "concatenation");
        assertNull(peek("setAttr // comment\n \".a\" 1;"), "a comment");
        assertNull(peek("setAttr -k on"), "the window ends first");
        assertNull(peek("setAttr ;"), "no attribute");
    }

    /** What the full reading makes of one setAttr on a current node: its attribute, relative as written. */
    private static Optional<String> full(String statement) throws IOException {
        List<MayaSetAttr> seen = new ArrayList<>();
        MayaAsciiCommands commands = new MayaAsciiCommands(new MayaSceneHandler() {
            @Override
            public void setAttr(MayaSetAttr attr) {
                seen.add(attr);
            }
        });
        commands.createNode(new CreateNodeBytes.CreateNode("transform", "n", Optional.empty(), false));
        byte[] b = statement.getBytes(StandardCharsets.UTF_8);
        MelStatement s = new MelStatementReader(new MelByteTokens(b, b.length, StandardCharsets.UTF_8, "t.ma", 1),
                c -> true, 1 << 20).next();
        commands.apply(s);
        return seen.stream().findFirst().map(a -> a.node().equals("n") ? "." + a.attribute() : a.node() + "." + a.attribute());
    }

    @Test
    void agreesWithTheFullReadingOnEverySetAttrOfTheRealScenes() throws IOException {
        int compared = 0;
        for (var entry : MayaTestData.asciiSceneLines()) {
            Path scene = entry.getKey();
            String line = entry.getValue();
            String t = line.strip();
            if (!t.startsWith("setAttr ") || !t.endsWith(";")) {
                continue;
            }
            String peeked = peek(t);
            Optional<String> full = full(t);
            if (peeked != null && full.isPresent()) {
                assertEquals(full.get(), peeked, scene + ": " + t);
                compared++;
            }
        }
        assertTrue(compared > 1000, "only " + compared + " setAttr statements compared");
    }
}

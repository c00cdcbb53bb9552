package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements a handler does not want are stepped over on the bytes; these pin that quotes,
 * escapes and semicolons inside them never end a statement early, across the reader's buffer too.
 */
class MayaAsciiByteScannerTest {

    @TempDir
    Path tmp;

    /** Wants only file nodes, like the asset collector. */
    private static final class FilesOnly extends Recorder {
        @Override
        public boolean wantsAttributes(Optional<String> nodeType, String node) {
            return nodeType.map("file"::equals).orElse(false);
        }
    }

    private FilesOnly read(String body) throws Exception {
        return read(body, "UTF-8");
    }

    /** With codeset 936 (GBK) the reader takes its character path instead of the byte scanner. */
    private FilesOnly read(String body, String codeset) throws Exception {
        Path scene = tmp.resolve("s.ma");
        Files.writeString(scene, "//Maya ASCII 2023 scene\n//Codeset: " + codeset + "\n" + body, StandardCharsets.UTF_8);
        FilesOnly r = new FilesOnly();
        MayaSceneReader.read(scene, r);
        return r;
    }

    @Test
    void quotesEscapesAndSemicolonsInsideSkippedStringsDoNotEndTheStatement() throws Exception {
        String script = "createNode script -n \"ui\";\n"
                + "\tsetAttr \".b\" -type \"string\" ( \"a \\\"quoted; word\\\" then \\\\\" + \"an escaped backslash\\\\\\\\\" \n"
                + "\t\t+ \"; a line\\nbreak and a trailing backslash \\\\\" );\n";
        FilesOnly r = read(script + "createNode file -n \"tex\";\n\tsetAttr \".ftn\" -type \"string\" \"a;b\\\".png\";\n");

        assertEquals(List.of("a;b\".png"), r.setAttrs.stream().filter(a -> a.node().equals("tex"))
                .map(a -> a.values().get(0)).toList());
        assertTrue(r.setAttrs.stream().noneMatch(a -> a.node().equals("ui")), "the script's setAttr was skipped");
    }

    @Test
    void aSkippedStringLongerThanTheBufferIsSteppedOverWhole() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            big.append("x\\\"; \\\\");  // an escaped quote, a semicolon, an escaped backslash: 8 bytes
        }
        FilesOnly r = read("createNode script -n \"ui\";\n\tsetAttr \".b\" -type \"string\" \"" + big + "\";\n"
                + "createNode file -n \"tex\";\n\tsetAttr \".ftn\" -type \"string\" \"after.png\";\n");

        assertEquals(List.of("after.png"), r.setAttrs.stream().map(a -> a.values().get(0)).toList());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UTF-8", "936"})
    void linesAreCountedThroughSkippedStatementsForErrors(String codeset) {
        MayaSceneException e = assertThrows(MayaSceneException.class, () -> read(
                "createNode mesh -n \"m\";\n\tsetAttr \".a\" -type \"string\" \"one\\\n two\";\n"
                        + "\tsetAttr \".b\"\n 1\n 2;\ncreateNode file -n \"f\";\n\tsetAttr \".ftn\" -type \"string\" \"open",
                codeset));

        // lines: 1-2 header, 3 createNode mesh, 4-5 ".a" (an escaped newline), 6-8 ".b", 9 createNode file, 10 ".ftn"
        assertTrue(e.getMessage().contains("string that starts at line 10 (statement at line 10)"), e.getMessage());
    }

    /**
     * Runs of backslashes before quotes, backslashes and newlines, at every position in the scanner's eight-byte
     * words and across its buffer: the bytes it steps over and the characters the tokenizer reads (codeset 936)
     * see the same statements, and so the same events.
     */
    @Test
    void escapesAtEveryWordPositionEndStringsWhereTheTokenizerEndsThem() throws Exception {
        java.util.Random random = new java.util.Random(20261127);
        String[] escaped = {"\\\"", "\\\\", "\\n", "\\\n", "\\;", "\\x"};
        for (int round = 0; round < 40; round++) {
            StringBuilder body = new StringBuilder();
            for (int node = 0; node < 20; node++) {
                StringBuilder text = new StringBuilder("x".repeat(random.nextInt(9)));
                int pieces = random.nextInt(round < 20 ? 30 : 30_000);
                for (int i = 0; i < pieces; i++) {
                    int run = random.nextInt(4); // pairs of backslashes: each an escaped backslash
                    text.append("\\\\".repeat(run));
                    text.append(escaped[random.nextInt(escaped.length)]);
                    text.append("ab;\n", 0, random.nextInt(5)); // a raw line break now and then
                }
                body.append("createNode script -n \"s").append(node).append("\";\n\tsetAttr \".b\" -type \"string\" \"")
                        .append(text).append("\";\n");
                body.append("createNode file -n \"f").append(node).append("\";\n\tsetAttr \".ftn\" -type \"string\" \"")
                        .append("tex").append(node).append(".png\";\n");
            }
            FilesOnly bytes = read(body.toString());
            FilesOnly chars = read(body.toString(), "936");
            assertEquals(20, bytes.setAttrs.size(), "round " + round);
            assertEquals(chars.events, bytes.events, "round " + round);
            assertEquals(chars.setAttrs.toString(), bytes.setAttrs.toString(), "round " + round);
        }
    }
}

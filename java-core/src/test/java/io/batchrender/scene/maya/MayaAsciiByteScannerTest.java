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
}

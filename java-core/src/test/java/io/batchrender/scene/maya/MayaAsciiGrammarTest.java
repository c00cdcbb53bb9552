package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maya ASCII grammar on small synthetic files: strings, escapes, statements, codesets, current node. */
class MayaAsciiGrammarTest {

    private static final String HEADER = "//Maya ASCII 2023 scene\n//Name: t.ma\n//Codeset: UTF-8\n";

    @TempDir
    Path tmp;

    private Recorder read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private Recorder read(byte[] bytes) throws IOException {
        Path p = Files.write(tmp.resolve("t.ma"), bytes);
        Recorder r = new Recorder();
        new MayaAsciiReader().read(p, r);
        return r;
    }

    private static byte[] bytes(String ascii, int... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
        for (int b : rest) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void escapesInStringsAreUndone() throws IOException {
        Recorder r = read(HEADER + "createNode script -n \"s\";\n"
                + "\tsetAttr \".b\" -type \"string\" \"q\\\"uote back\\\\slash nl\\n tab\\t cr\\r semi; end\";\n");
        assertEquals("q\"uote back\\slash nl\n tab\t cr\r semi; end", r.string("s", "b"));
    }

    @Test
    void otherBackslashesAreKeptAsWritten() throws IOException {
        Recorder r = read(HEADER + "createNode file -n \"f\";\n\tsetAttr \".ftn\" -type \"string\" \"C:\\Temp\\%d.png\";\n");
        assertEquals("C:\\Temp\\%d.png", r.string("f", "ftn"));
    }

    @Test
    void parenthesisedPiecesAreJoinedIntoOneString() throws IOException {
        Recorder r = read(HEADER + "createNode script -n \"s\";\n"
                + "\tsetAttr \".b\" -type \"string\" (\n"
                + "\t\t\"first; \\\"part\\\" \"\n"
                + "\t\t+ \"second (part) \"\n"
                + "\t\t+ \"third\");\n"
                + "\tsetAttr \".st\" 3;\n");
        assertEquals("first; \"part\" second (part) third", r.string("s", "b"));
        assertEquals(List.of("3"), r.attr("s", "st").values());
    }

    @Test
    void statementsContinueOverLinesAndEndAtTheFirstSemicolonOutsideQuotes() throws IOException {
        Recorder r = read(HEADER + "createNode\n\t\ttransform -s\n\t\t -n \"a;b\"\n;createNode mesh -n \"c\" -p \"a;b\"; setAttr \".v\" no;\n"
                + "connectAttr \"x.o\" \"y.i\"\n\t\t -na;\n");
        assertEquals(List.of("createNode transform a;b", "createNode mesh c -p a;b", "setAttr c.v [no]", "connectAttr x.o y.i"),
                r.events);
    }

    @Test
    void crlfAndLfFilesGiveTheSameEvents() throws IOException {
        String lf = HEADER + "requires maya \"2023\";\ncreateNode file -n \"file1\";\n\trename -uid \"X\";\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"a b.png\";\nsetAttr -s 2 \".lnk\";\n"
                + "\tsetAttr \".otfva\" -type \"Int32Array\" 3 0 1\n\t\t 1 ;\n// End of t.ma\n";
        Recorder unix = read(lf);
        Recorder dos = read(lf.replace("\n", "\r\n"));
        assertEquals(unix.events, dos.events);
        assertEquals("a b.png", dos.string("file1", "ftn"));
        assertEquals(List.of("3", "0", "1", "1"), dos.attr("file1", "otfva").values());
    }

    @Test
    void commentsAtLineStartAreSkipped() throws IOException {
        Recorder r = read(HEADER + "// a comment; with \"quotes\n//createNode transform -n \"ghost\";\n"
                + "createNode transform -n \"real\"; // trailing comment\n// End of t.ma\n");
        assertEquals(List.of("createNode transform real"), r.events);
    }

    @Test
    void setAttrFlagsTypesAndValues() throws IOException {
        Recorder r = read(HEADER + "createNode transform -n \"t\";\n"
                + "\tsetAttr -k off \".v\" no;\n"
                + "\tsetAttr -av -k on \".outf\";\n"
                + "\tsetAttr -s 3 \".lnk\";\n"
                + "\tsetAttr \".t\" -type \"double3\" 28 -21.5 -5.172681101354183e-14 ;\n"
                + "\tsetAttr -l on -k off \".ry\";\n"
                + "\tsetAttr \"other.tx\" -type \"string\" \"-k\";\n");
        MayaSetAttr v = r.attr("t", "v");
        assertEquals(List.of("-k", "off"), v.flags());
        assertEquals(List.of("no"), v.values());
        assertEquals(Optional.empty(), v.type());
        MayaSetAttr outf = r.attr("t", "outf");
        assertEquals(List.of("-av", "-k", "on"), outf.flags());
        assertEquals(List.of(), outf.values());
        assertTrue(outf.hasFlag("-av"));
        assertEquals(List.of("-s", "3"), r.attr("t", "lnk").flags());
        MayaSetAttr t = r.attr("t", "t");
        assertEquals(Optional.of("double3"), t.type());
        assertEquals(List.of("28", "-21.5", "-5.172681101354183e-14"), t.values());
        assertEquals(List.of("-l", "on", "-k", "off"), r.attr("t", "ry").flags());
        assertEquals("-k", r.string("other", "tx"), "a quoted \"-k\" is a value, and other.tx names its node");
    }

    @Test
    void renameAddAttrAndOtherStatementsDoNotChangeTheCurrentNode() throws IOException {
        Recorder r = read(HEADER + "createNode file -n \"file1\";\n"
                + "\trename -uid \"1BAA2EE5-46EB-ED01-BE45-9888E95529F2\";\n"
                + "\taddAttr -ci true -sn \"dss\" -ln \"defaultSurfaceShader\" -dt \"string\";\n"
                + "lockNode -l 1 ;\nrelationship \"link\" \":lightLinker1\" \"a.message\";\n"
                + "parent -s -nc -r -add \"|instance1|instancer1\" \"instance2\" ;\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"a.png\";\n"
                + "select -ne :defaultRenderGlobals;\n\tsetAttr \".ren\" -type \"string\" \"arnold\";\n"
                + "createNode transform -ss -n \"notSelected\";\n\tsetAttr \".imfkey\" -type \"string\" \"exr\";\n");
        assertEquals("a.png", r.string("file1", "ftn"));
        assertEquals("arnold", r.string(":defaultRenderGlobals", "ren"));
        assertEquals("exr", r.string(":defaultRenderGlobals", "imfkey"), "createNode -ss does not select the node");
        assertEquals(List.of("createNode file file1", "setAttr file1.ftn [a.png]", "select :defaultRenderGlobals",
                "setAttr :defaultRenderGlobals.ren [arnold]", "createNode transform notSelected",
                "setAttr :defaultRenderGlobals.imfkey [exr]"), r.events);
    }

    @Test
    void fileReferenceLines() throws IOException {
        Recorder r = read(HEADER
                + "file -rdi 1 -ns \"char\" -rfn \"charRN\" -op \"v=0;\" -typ \"mayaAscii\" \"$PROJ/char.ma\";\n"
                + "file -rdi 2 -ns \"prop\" -rfn \"char:propRN\" -typ \"Alembic\" \"cache/prop.abc\";\n"
                + "file -r -ns \"char\" -dr 1 -rfn \"charRN\" -op \"v=0;\" -typ \"mayaAscii\" \"$PROJ/char.ma\";\n"
                + "file -r -rpr \"set\" -rfn \"setRN\" \"set.mb\";\n"
                + "file -import \"not/a/reference.ma\";\n");
        assertEquals(List.of(
                new MayaFileReference("$PROJ/char.ma", Optional.of("mayaAscii"), Optional.of("char"), Optional.of("charRN"), 1, false, false),
                new MayaFileReference("cache/prop.abc", Optional.of("Alembic"), Optional.of("prop"), Optional.of("char:propRN"), 2, false, false),
                new MayaFileReference("$PROJ/char.ma", Optional.of("mayaAscii"), Optional.of("char"), Optional.of("charRN"), 1, true, true),
                new MayaFileReference("set.mb", Optional.empty(), Optional.empty(), Optional.of("setRN"), 1, false, true)),
                r.references);
    }

    @Test
    void requiresFileInfoWorkspaceAndConnectAttr() throws IOException {
        Recorder r = read(HEADER + "requires maya \"2023\";\n"
                + "requires -nodeType \"aiOptions\" -nodeType \"aiAOVDriver\"\n\t\t -dataType \"x\" \"mtoa\" \"5.1.0\";\n"
                + "fileInfo \"osv\" \"Windows (Build 9200)\\n\";\n"
                + "workspace -fr \"images\" \"renders/images\";\nworkspace -fr \"STEP_ATF Export\" \"data\";\n"
                + "connectAttr \":a.msg\" \":b.drivers\" -na;\nconnectAttr -l on \"c.o\" \"d.i\";\n");
        assertEquals(List.of("maya 2023", "mtoa 5.1.0"), r.requires);
        assertEquals("Windows (Build 9200)\n", r.fileInfo.get("osv"));
        assertEquals("renders/images", r.workspaceRules.get("images"));
        assertEquals("data", r.workspaceRules.get("STEP_ATF Export"));
        assertEquals(List.of(":a.msg -> :b.drivers", "c.o -> d.i"), r.connections);
    }

    @Test
    void codeset1252() throws IOException {
        byte[] file = concat(bytes("//Maya ASCII 2020 scene\n//Codeset: 1252\ncreateNode file -n \"f\";\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"C:/caf", 0xE9, 0x80), bytes(".png\";\n"));
        assertEquals("C:/caf\u00E9\u20AC.png", read(file).string("f", "ftn"));
    }

    @Test
    void codeset936() throws IOException {
        byte[] file = concat(bytes("//Maya ASCII 2020 scene\n//Codeset: 936\ncreateNode file -n \"f\";\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"D:/", 0xD6, 0xD0, 0xCE, 0xC4), bytes(".png\";\n"));
        assertEquals("D:/\u4E2D\u6587.png", read(file).string("f", "ftn"));
    }

    @Test
    void codeset1251() throws IOException {
        byte[] file = concat(bytes("//Maya ASCII 2020 scene\n//Codeset: 1251\ncreateNode file -n \"f\";\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"", 0xEF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2), bytes(".png\";\n"));
        assertEquals("\u043F\u0440\u0438\u0432\u0435\u0442.png", read(file).string("f", "ftn"));
    }

    @Test
    void codeset932KeepsABackslashByteInsideACharacter() throws IOException {
        // In Shift_JIS the second byte of 表 (0x95 0x5C) is a backslash in ASCII: decoding must come first.
        byte[] file = concat(bytes("//Maya ASCII 2020 scene\n//Codeset: 932\ncreateNode file -n \"f\";\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"", 0x95, 0x5C), bytes("\";\n\tsetAttr \".cs\" -type \"string\" \"sRGB\";\n"));
        Recorder r = read(file);
        assertEquals("\u8868", r.string("f", "ftn"));
        assertEquals("sRGB", r.string("f", "cs"));
    }

    @Test
    void unknownCodesetIsReadAsUtf8WithReplacement() throws IOException {
        byte[] file = concat(bytes("//Maya ASCII 2020 scene\n//Codeset: no-such-code-page\ncreateNode file -n \"f\";\n"
                + "\tsetAttr \".ftn\" -type \"string\" \"", 0xC3, 0xA9, 0xFF), bytes("\";\n"));
        assertEquals("\u00E9\uFFFD", read(file).string("f", "ftn"));
    }

    @Test
    void aStatementLongerThanTheLimitIsAClearError() throws IOException {
        Path p = Files.writeString(tmp.resolve("long.ma"), HEADER + "createNode script -n \"s\";\n"
                + "\tsetAttr \".b\" -type \"string\" \"" + "x".repeat(5000) + "\";\n");
        MayaSceneException e = assertThrows(MayaSceneException.class, () -> new MayaAsciiReader(4096).read(p, new Recorder()));
        assertTrue(e.getMessage().contains("statement at line 5 is longer than"), e.getMessage());
        assertTrue(e.getMessage().contains("the file is damaged or not a Maya ASCII scene"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aLongStatementThatNobodyReadsIsSkippedWithinTheLimit() throws IOException {
        Path p = Files.writeString(tmp.resolve("long.ma"), HEADER + "relationship \"link\" \"" + "x".repeat(50_000)
                + "\";\ncreateNode transform -n \"after\";\n");
        Recorder r = new Recorder();
        new MayaAsciiReader(4096).read(p, r);
        assertEquals(List.of("createNode transform after"), r.events);
    }
}

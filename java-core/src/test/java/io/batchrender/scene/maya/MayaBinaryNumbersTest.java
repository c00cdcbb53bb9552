package io.batchrender.scene.maya;

import static io.batchrender.scene.maya.IffBuilder.bytes;
import static io.batchrender.scene.maya.IffBuilder.join;
import static io.batchrender.scene.maya.IffBuilder.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numeric attributes of the real Maya Binary scenes. Every expected value was read from the bytes with xxd
 * (chunk offsets in the comments), and where the same scene exists as Maya ASCII
 * (referenced_layers/scene/scene_file_to_reference.ma for the deadline scene_file_to_reference.mb) from its text.
 */
class MayaBinaryNumbersTest {

    @TempDir
    Path tmp;

    private static final String DEADLINE_MB = MayaTestData.DEADLINE + "cube/scene/scene_file_to_reference.mb";

    private static Recorder read(String relative) {
        Recorder r = new Recorder();
        new MayaBinaryReader().read(MayaTestData.maya(relative), r);
        return r;
    }

    private static List<String> values(Recorder r, String node, String attribute) {
        return r.attr(node, attribute).values();
    }

    private static String value(Recorder r, String node, String attribute) {
        List<String> v = values(r, node, attribute);
        assertEquals(1, v.size(), node + "." + attribute + " " + v);
        return v.get(0);
    }

    @Test
    void maya2017TimesAre32BitTicksAt6000ASecond() {
        // maya.mb @82740: DBLE "o" 0x20 00 00 00 fa = 250 ticks; no TDUR in HEAD, TUNI "film": 250 / (6000 / 24) = frame 1
        Recorder r = read("BatchExplorer-data/runner/Assets/maya.mb");
        assertEquals("1", value(r, ":time1", "o"));
        assertEquals("1", value(r, ":time1", "unw"));
        assertEquals(Optional.empty(), r.attr(":time1", "o").type());
        // @83912: outf = 40 49 80 00 .. = 51.0 (custom format, with imfkey "exr")
        assertEquals("51", value(r, ":defaultRenderGlobals", "outf"));
        // @84036: pa = 3f f0 00 00 20 00 00 00 = 1 + 2^-23 (a float attribute widened to double)
        assertEquals(1 + Math.pow(2, -23), Double.parseDouble(value(r, ":defaultResolution", "pa")));
        assertEquals(Optional.empty(), r.find(":defaultRenderGlobals", "an"), "no .an chunk: animation off");
        assertEquals(Optional.empty(), r.find(":defaultResolution", "w"), "no .w chunk: Maya's default width");
    }

    @Test
    void maya2015SceneHasAnimationOnAndTheCurrentFrame() {
        Recorder r = read("azure-batch-maya/tests/data/empty.mb");
        assertEquals("1", value(r, ":time1", "o")); // @69940: 00 00 00 fa = 250 ticks
        assertEquals("1", value(r, ":defaultRenderGlobals", "an")); // @71940: 3f f0 .. = 1.0
        assertEquals("8", value(r, ":defaultRenderGlobals", "outf")); // @71908: 40 20 .. = 8.0 (jpg)
        assertEquals("1", value(r, ":defaultRenderGlobals", "pff")); // @71972
        assertEquals(Optional.empty(), r.find(":defaultRenderGlobals", "fs"));
        assertEquals(Optional.empty(), r.find(":defaultRenderGlobals", "ef"));
    }

    @Test
    void arnoldSceneHasAnEndFrameAsTicks() {
        Recorder r = read("BatchExplorer-data/runner/Assets/maya-arnold.mb");
        // @71864: an = 1.0; @71896: DBLE "ef" 0x20 00 26 25 a0 = 2,500,000 ticks / 250 = frame 10000
        assertEquals("1", value(r, ":defaultRenderGlobals", "an"));
        assertEquals("10000", value(r, ":defaultRenderGlobals", "ef"));
        assertEquals("32", value(r, ":defaultRenderGlobals", "outf")); // @71832: 40 40 .. = 32.0 (png)
        assertEquals("2", value(r, ":defaultRenderGlobals", "peie")); // @71952: 40 00 .. = 2.0
        assertEquals("1", value(r, ":defaultResolution", "pa")); // @72044: exactly 1.0 here
        assertEquals("1", value(r, ":time1", "o")); // @70608: 250 ticks
    }

    @Test
    void maya2023TimesAre64BitTicksAtTheHeadersTickRate() {
        // HEAD TDUR "141120000", TUNI "film"; @51224: DBLE "o" 0x20 00 00 00 00 bc 34 8a c0 = 3,157,560,000 ticks
        // / (141120000 / 24) = 537, as the ASCII twin writes: select -ne :time1; setAttr ".o" 537; setAttr ".unw" 537;
        Recorder r = read(DEADLINE_MB);
        assertEquals("537", value(r, ":time1", "o"));
        assertEquals("537", value(r, ":time1", "unw"));
        // rig.anim.mb (Maya 2020, TDUR 141120000) @61324: 00 00 00 00 00 59 b8 c0 = 5,880,000 ticks = frame 1
        assertEquals("1", value(read("maya-usd/test/testSamples/switchVariants/rig.anim.mb"), ":time1", "o"));
    }

    @Test
    void deadlineSceneMatchesItsAsciiTwin() {
        Recorder r = read(DEADLINE_MB);
        // cameras: setAttr ".rnd" no; setAttr ".o" yes; setAttr ".ow" 30; on topShape, frontShape, sideShape
        for (String camera : List.of("topShape", "frontShape", "sideShape")) {
            assertEquals("0", value(r, camera, "rnd"), camera);
            assertEquals("1", value(r, camera, "o"), camera);
            assertEquals("30", value(r, camera, "ow"), camera);
            assertEquals("1000.1", value(r, camera, "coi"), camera);
        }
        assertEquals(Optional.empty(), r.find("perspShape", "rnd"), "perspShape writes no .rnd: renderable");
        assertEquals(34.999999999999993, Double.parseDouble(value(r, "perspShape", "fl")));
        assertEquals(44.82186966202994, Double.parseDouble(value(r, "perspShape", "coi")));
        assertEquals("0", value(r, "perspShape", "v")); // setAttr -k off ".v" no;
        MayaSetAttr t = r.attr("persp", "t"); // setAttr ".t" -type "double3" 28 21 28 ;
        assertEquals(Optional.of("double3"), t.type());
        assertEquals(List.of("28", "21", "28"), t.values());
        assertEquals(List.of("0", "1000.1", "0"), values(r, "top", "t"));
        // Angles stay in radians: ".r" -type "double3" -27.938352729602379 44.999999999999972 -5.172681101354183e-14
        List<String> rotate = values(r, "persp", "r");
        assertEquals(Math.toRadians(-27.938352729602379), Double.parseDouble(rotate.get(0)), 1e-12);
        assertEquals(Math.toRadians(44.999999999999972), Double.parseDouble(rotate.get(1)), 1e-12);
        assertEquals("1", value(r, "defaultRenderLayer", "g")); // setAttr ".g" yes;
        assertEquals("0", value(r, "defaultArnoldDisplayDriver", "output_mode"));
        assertEquals("3", value(r, "uiConfigurationScriptNode", "st"));
        assertEquals("6", value(r, "sceneConfigurationScriptNode", "st"));
        assertEquals("51", value(r, ":defaultRenderGlobals", "outf"));
        assertEquals("1", value(r, ":defaultResolution", "pa"));
        assertEquals("1", value(r, ":defaultColorMgtGlobals", "cfe")); // setAttr ".cfe" yes;
        assertEquals("256", value(r, ":hardwareRenderGlobals", "ctrs"));
        assertEquals("512", value(r, ":hardwareRenderGlobals", "btrs"));
        assertEquals("1", value(r, ":hardwareRenderingGlobals", "fprt"));
    }

    @Test
    void arrayDataIsNotReported() {
        Recorder r = read("maya-usd/test/testSamples/switchVariants/rig.anim.mb");
        // @3988 FLT2 "uvst[0].uvsp[0:13]": 14 UV pairs (112 bytes) of the mesh
        assertEquals(Optional.empty(), r.find("meshShapeOrig", "uvst[0].uvsp[0:13]"));
        // @55432 DBLE "wl[0:7].w" flag 0x00: per element a count, an index and a weight, not plain doubles
        assertEquals(Optional.empty(), r.find("skinCluster1", "wl[0:7].w"));
        // @56280 DBLE "dpf[0:2]" (3 doubles) and @61160 "g[0:7]" (8): element ranges of multi attributes
        assertEquals(Optional.empty(), r.find("skinCluster1", "dpf[0:2]"));
        assertEquals(Optional.empty(), r.find("bindPose1", "g[0:7]"));
        assertTrue(r.setAttrs.stream().noneMatch(a -> a.attribute().contains(":")), "no [a:b] ranges");
        // scalars on the same nodes are reported: @3680 meshShape vcs (flag 0x00) = 2.0, @56408 skinCluster1 mi = 5.0
        assertEquals("2", value(r, "meshShape", "vcs"));
        assertEquals("5", value(r, "skinCluster1", "mi"));
        assertEquals("1", value(r, "bindPose1", "bp"));
        // FLGS chunks (@55408 "wl" 0x28 + 4-byte count 8: setAttr -s 8 ".wl") carry no value
        assertEquals(Optional.empty(), r.find("skinCluster1", "wl"));
    }

    // Synthetic files: time units and tick rates, tags and sizes no real file here has.

    private final IffBuilder b = new IffBuilder(true);

    /** name NUL, flag 0x20, then the payload. */
    private static byte[] attr(String name, byte[] payload) {
        return join(strings(name), bytes(0x20), payload);
    }

    private static byte[] doubles(double... v) {
        ByteBuffer out = ByteBuffer.allocate(8 * v.length);
        for (double x : v) {
            out.putDouble(x);
        }
        return out.array();
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] int64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    /** A scene whose HEAD holds the given chunks and whose one node "n" holds the given attribute chunks. */
    private Recorder scene(List<byte[]> head, byte[]... attributes) throws IOException {
        return scene(new MayaBinaryReader(), head, attributes);
    }

    private Recorder scene(MayaBinaryReader reader, List<byte[]> head, byte[]... attributes) throws IOException {
        byte[][] node = new byte[attributes.length + 1][];
        node[0] = b.leaf("CREA", join(bytes(0x80), strings("n")));
        System.arraycopy(attributes, 0, node, 1, attributes.length);
        byte[] file = b.scene(b.form("HEAD", head.toArray(new byte[0][])), b.form("RTFT", node));
        Path p = Files.write(tmp.resolve("numbers.mb"), file);
        Recorder r = new Recorder();
        reader.read(p, r);
        return r;
    }

    @Test
    void oldTicksAreConvertedWithTheFilesTimeUnit() throws IOException {
        // ntsc = 30 fps: 6000 / 30 = 200 ticks a frame
        Recorder r = scene(List.of(b.leaf("TUNI", strings("ntsc"))),
                b.leaf("DBLE", attr("fs", int32(200))), b.leaf("DBLE", attr("ef", int32(300))),
                b.leaf("DBLE", attr("neg", int32(-2000))), b.leaf("DBLE", attr("bfs", doubles(2))));
        assertEquals("1", value(r, "n", "fs"));
        assertEquals("1.5", value(r, "n", "ef"));
        assertEquals("-10", value(r, "n", "neg"));
        assertEquals("2", value(r, "n", "bfs"));
    }

    @Test
    void newTicksUseTdurAndTellThemselvesFromDoubles() throws IOException {
        // pal = 25 fps: 141120000 / 25 = 5644800 ticks a frame
        Recorder r = scene(List.of(b.leaf("TUNI", strings("pal")), b.leaf("TDUR", strings("141120000"))),
                b.leaf("DBLE", attr("ef", int64(10 * 5644800L))), b.leaf("DBLE", attr("fs", int64(-5644800L))),
                b.leaf("DBLE", attr("zero", int64(0))), b.leaf("DBLE", attr("half", doubles(24.5))),
                b.leaf("DBLE", attr("small", doubles(0.001))), b.leaf("DBLE", attr("old", int32(250))));
        assertEquals("10", value(r, "n", "ef"));
        assertEquals("-1", value(r, "n", "fs"));
        assertEquals("0", value(r, "n", "zero"));
        assertEquals("24.5", value(r, "n", "half"));
        assertEquals("0.001", value(r, "n", "small"));
        assertEquals(Optional.empty(), r.find("n", "old"), "4-byte time in a TDUR file: no known layout");
    }

    @Test
    void fractionalFrameRatesAndUnknownUnits() throws IOException {
        // 23.976fps = 24000/1001: 141120000 * 1001 / 24000 = 5885880 ticks a frame
        Recorder ntsc = scene(List.of(b.leaf("TUNI", strings("23.976fps")), b.leaf("TDUR", strings("141120000"))),
                b.leaf("DBLE", attr("o", int64(5885880L * 100))));
        assertEquals("100", value(ntsc, "n", "o"));
        Recorder custom = scene(List.of(b.leaf("TUNI", strings("100fps"))), b.leaf("DBLE", attr("o", int32(120))));
        assertEquals("2", value(custom, "n", "o")); // 6000 / 100 = 60 ticks a frame
        Recorder unknown = scene(List.of(b.leaf("TUNI", strings("someday"))), b.leaf("DBLE", attr("o", int32(250))),
                b.leaf("DBLE", attr("d", doubles(3))));
        assertEquals(Optional.empty(), unknown.find("n", "o"), "a time in an unknown unit is not guessed");
        assertEquals("3", value(unknown, "n", "d"));
    }

    @Test
    void tuplesAndNumberFormats() throws IOException {
        Recorder r = scene(List.of(),
                b.leaf("DBL3", attr("t", doubles(-0.0, 1e-9, 1.5e21))),
                b.leaf("FLT2", attr("uv", ByteBuffer.allocate(8).putFloat(0.1f).putFloat(-0.375f).array())),
                b.leaf("DBLE", attr("nan", doubles(Double.NaN))));
        MayaSetAttr t = r.attr("n", "t");
        assertEquals(Optional.of("double3"), t.type());
        assertEquals(List.of("0", "1e-9", "1.5e+21"), t.values());
        assertEquals(List.of("0.1", "-0.375"), r.attr("n", "uv").values());
        assertEquals(Optional.of("float2"), r.attr("n", "uv").type());
        assertEquals(Optional.empty(), r.find("n", "nan"));
    }

    @Test
    void chunksThatDoNotMatchTheirLayoutAreSkipped() throws IOException {
        Recorder r = scene(List.of(),
                b.leaf("DBL3", attr("short", doubles(1, 2))), // 16 bytes, not 24
                b.leaf("DBLE", attr("odd", bytes(1, 2, 3))), // neither 4 nor 8
                b.leaf("DBLE", join(strings("sized"), bytes(0x28), int32(1), doubles(1))), // 0x08: a count first
                b.leaf("DBLE", attr("r[0:1]", doubles(1, 2))), // a range
                b.leaf("DBLE", join(strings("noflag"))), // no flag byte
                b.leaf("DBL2", attr("unconfirmed", doubles(1, 2))),
                b.leaf("DBLE", attr("ok", doubles(7))));
        assertEquals(List.of("createNode file n", "setAttr n.ok [7]"), r.events);
    }

    @Test
    void bigNumericChunksAreSkippedUnread() throws IOException {
        // 100,000 doubles (800 KB), far over the reader's 1 KB limit: read, it would end in an error
        byte[] big = attr("pt[0:99999]", new byte[800_000]);
        Recorder r = scene(new MayaBinaryReader(1024), List.of(), b.leaf("DBLE", big), b.leaf("DBLE", attr("after", doubles(1))));
        assertEquals(List.of("createNode file n", "setAttr n.after [1]"), r.events);
    }
}

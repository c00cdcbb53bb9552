package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilePatternTest {

    private static final List<String> FOLDER = List.of(
            "wood.1001.png", "wood.1002.png", "wood.1011.png", "wood.1000.png", "wood.0999.png", "wood.png",
            "wood_u1_v1.png", "wood_u2_v1.png", "wood_u0_v0.png", "wood_u1_v2.png",
            "smoke.0001.exr", "smoke.0002.exr", "smoke.0010.exr", "smoke.12345.exr", "smoke.001.exr",
            "smoke.1.exr", "smoke.00012.exr", "smoke.0001.exr.bak", "Smoke.0003.exr",
            "a+b(1).0001.png", "aXb(1).0001.png");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wood.<UDIM>.png      | wood.1001.png wood.1002.png wood.1011.png",
        "wood.<udim>.png      | wood.1001.png wood.1002.png wood.1011.png",
        "wood_<UVTILE>.png    | wood_u1_v1.png wood_u1_v2.png wood_u2_v1.png",
        "wood_u<U>_v<V>.png   | wood_u0_v0.png wood_u1_v1.png wood_u1_v2.png wood_u2_v1.png",
        "wood<tile>.png       | wood_u1_v1.png wood_u1_v2.png wood_u2_v1.png",
        "smoke.####.exr       | smoke.0001.exr smoke.0002.exr smoke.0010.exr smoke.12345.exr",
        "smoke.%04d.exr       | smoke.0001.exr smoke.0002.exr smoke.0010.exr smoke.12345.exr",
        "smoke.$F4.exr        | smoke.0001.exr smoke.0002.exr smoke.0010.exr smoke.12345.exr",
        "smoke.$(F4).exr      | smoke.0001.exr smoke.0002.exr smoke.0010.exr smoke.12345.exr",
        "smoke.<f4>.exr       | smoke.0001.exr smoke.0002.exr smoke.0010.exr smoke.12345.exr",
        "smoke.###.exr        | smoke.001.exr smoke.12345.exr",
        "smoke.<f>.exr        | smoke.0001.exr smoke.001.exr smoke.1.exr smoke.0002.exr smoke.0010.exr smoke.00012.exr smoke.12345.exr",
        "smoke.<frame>.exr    | smoke.0001.exr smoke.001.exr smoke.1.exr smoke.0002.exr smoke.0010.exr smoke.00012.exr smoke.12345.exr",
        "smoke.$F.exr         | smoke.0001.exr smoke.001.exr smoke.1.exr smoke.0002.exr smoke.0010.exr smoke.00012.exr smoke.12345.exr",
        "a+b(1).####.png      | a+b(1).0001.png",
        "smoke*.exr           | smoke.0001.exr smoke.001.exr smoke.1.exr smoke.0002.exr smoke.0010.exr smoke.00012.exr smoke.12345.exr",
        "wood_u<utile>_v<vtile>.png | wood_u0_v0.png wood_u1_v1.png wood_u1_v2.png wood_u2_v1.png",
        "<attr:species>.1001.png | wood.1001.png",
        "wood.<shapeName>.png | wood.0999.png wood.1000.png wood.1001.png wood.1002.png wood.1011.png",
    })
    void tokensMatchTheirFilesAndNothingElse(String pattern, String expected) {
        FilePattern p = FilePattern.of(pattern);
        assertTrue(p.isPattern());
        assertEquals(List.of(expected.split(" ")), p.select(FOLDER));
    }

    @Test
    void aLiteralNameMatchesOnlyItself() {
        FilePattern p = FilePattern.of("wood.png");
        assertFalse(p.isPattern());
        assertEquals(List.of("wood.png"), p.select(FOLDER));
        assertEquals("wood.png", p.literalPrefix());
        assertEquals(List.of(), FilePattern.of("w.od.png").select(List.of("wood.png")));
    }

    @Test
    void literalPrefixIsTheTextBeforeTheFirstToken() {
        assertEquals("UdimTest_", FilePattern.of("UdimTest_<UDIM>_color.png").literalPrefix());
        assertEquals("", FilePattern.of("<f>.png").literalPrefix());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UdimTest_1001_color.png | UDIM    | false | UdimTest_<UDIM>_color.png",
        "wood.1001.png           | UDIM    | false | wood.<UDIM>.png",
        "wood.0999.png           | UDIM    | false | wood.0999.png",
        "wood_u0_v0.png          | ZBRUSH  | false | wood_u<U>_v<V>.png",
        "wood_u1_v1.png          | MUDBOX  | false | wood<tile>.png",
        "wood.<UDIM>.png         | MUDBOX  | false | wood.<UDIM>.png",
        "wood.1001.png           | EXPLICIT| false | wood.1001.png",
        "wood.1001.png           | OFF     | false | wood.1001.png",
        "name.0001.png           | OFF     | true  | name.<f>.png",
        "name0001.png            | OFF     | true  | name<f>.png",
        "name_12.tif             | OFF     | true  | name_<f>.tif",
        "name.png.0007           | OFF     | true  | name.png.<f>",
        "name.####.png           | OFF     | true  | name.####.png",
        "name.png                | OFF     | true  | name.png",
        "tex_1001.0012.png       | UDIM    | true  | tex_<UDIM>.<f>.png",
    })
    void tilingModeAndFrameExtensionTurnAPlainNameIntoASequence(
            String written, TilingMode tiling, boolean frames, String expected) {
        assertEquals(expected, FilePattern.forReference(written, tiling, frames).text());
    }

    @Test
    void tilingModeFollowsMayasNumbering() {
        assertEquals(TilingMode.OFF, TilingMode.fromMaya(0));
        assertEquals(TilingMode.ZBRUSH, TilingMode.fromMaya(1));
        assertEquals(TilingMode.MUDBOX, TilingMode.fromMaya(2));
        assertEquals(TilingMode.UDIM, TilingMode.fromMaya(3));
        assertEquals(TilingMode.EXPLICIT, TilingMode.fromMaya(4));
        assertEquals(TilingMode.OFF, TilingMode.fromMaya(9));
    }
}

package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private static List<String> sorted(String... names) {
        List<String> l = new ArrayList<>(List.of(names));
        l.sort(NaturalOrder.INSTANCE);
        return l;
    }

    @Test
    void unpaddedFramesSortByNumber() {
        assertEquals(List.of("img.1.exr", "img.2.exr", "img.10.exr", "img.100.exr"),
                sorted("img.10.exr", "img.100.exr", "img.2.exr", "img.1.exr"));
    }

    @Test
    void udimTilesAndTwoNumberTilesSortTileByTile() {
        assertEquals(List.of("t_u1_v2.png", "t_u2_v1.png", "t_u10_v1.png"), sorted("t_u10_v1.png", "t_u2_v1.png", "t_u1_v2.png"));
        assertEquals(List.of("a.1001.png", "a.1002.png", "a.1011.png"), sorted("a.1011.png", "a.1001.png", "a.1002.png"));
    }

    @Test
    void samePaddedValueAndHugeNumbersStayTotalAndExact() {
        assertEquals(List.of("f.001.exr", "f.01.exr", "f.1.exr"), sorted("f.1.exr", "f.01.exr", "f.001.exr"));
        assertEquals(List.of("x99999999999999999999", "x100000000000000000000"),
                sorted("x100000000000000000000", "x99999999999999999999"));
        assertEquals(List.of("A.png", "a.png", "b.png"), sorted("b.png", "a.png", "A.png"));
    }
}

package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.TilingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One entry per distinct file, with its exact node count and first names; nothing else merged. */
class DistinctFilesTest {

    @Test
    void nodesNamingTheSameFileAreCountedAndTheFirstFiveNamed() {
        DistinctFiles g = new DistinctFiles();
        for (int i = 0; i < 16_500; i++) {
            g.add("file" + i, "file", "ftn", "textures/grid.png", TilingMode.OFF, false);
        }
        assertEquals(1, g.size());
        DistinctFiles.DistinctFile grid = g.get(0);
        assertEquals(16_500, grid.nodeCount());
        assertEquals(List.of("file0", "file1", "file2", "file3", "file4"), grid.firstNodes());
        assertEquals(AssetReference.of("file0", "file", "ftn", "textures/grid.png"), grid.ref());
    }

    @Test
    void whatResolvingDependsOnKeepsFilesApart() {
        DistinctFiles g = new DistinctFiles();
        g.add("a", "file", "ftn", "wood.1001.png", TilingMode.OFF, false);
        g.add("b", "file", "ftn", "wood.1001.png", TilingMode.UDIM, false);     // the tiles, not the one file
        g.add("c", "file", "ftn", "wood.1001.png", TilingMode.OFF, true);       // a frame sequence
        g.add("d", "aiImage", "filename", "wood.1001.png", TilingMode.OFF, false); // another project rule
        g.add("e", "file", "ftn", "Wood.1001.png", TilingMode.OFF, false);      // another name on Linux
        g.add("f", "file", "ftn", "wood.1001.png", TilingMode.OFF, false);
        assertEquals(5, g.size());
        assertEquals(List.of("a", "f"), g.get(0).firstNodes());
        assertEquals(new AssetReference("b", "file", "ftn", "wood.1001.png", TilingMode.UDIM, false), g.get(1).ref());
        assertEquals(new AssetReference("c", "file", "ftn", "wood.1001.png", TilingMode.OFF, true), g.get(2).ref());
        assertEquals("aiImage", g.get(3).ref().nodeType());
        assertEquals("Wood.1001.png", g.get(4).ref().path());
    }

    @Test
    void twoHundredThousandDistinctPathsComeBackInOrderAcrossBlocksAndTableGrowth() {
        DistinctFiles g = new DistinctFiles();
        for (int i = 0; i < 200_000; i++) {
            g.add("n" + i, "file", "ftn", "/library/asset" + (i / 10) + "/tile.é." + (1001 + i % 10) + ".exr",
                    TilingMode.OFF, false);
        }
        assertEquals(200_000, g.size());
        for (int i : new int[] {0, 1, 65_535, 131_072, 199_999}) {
            DistinctFiles.DistinctFile e = g.get(i);
            assertEquals("/library/asset" + (i / 10) + "/tile.é." + (1001 + i % 10) + ".exr", e.ref().path());
            assertEquals(List.of("n" + i), e.firstNodes());
            assertEquals(1, e.nodeCount());
        }
    }
}

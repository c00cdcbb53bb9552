package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's warm-up: a real scan of a scene of a few MB, that leaves nothing behind. */
class ScannerWarmupTest {

    @TempDir
    Path tmp;

    @Test
    void theWarmUpSceneIsAMayaSceneOfAFewMegabytesWhoseFileNodesTheScanGroups() throws IOException {
        Path scene = ScannerWarmup.write(tmp.resolve("warmup.ma"));
        long size = Files.size(scene);
        assertTrue(size > 2_000_000 && size < 12_000_000, "size " + size);

        SceneManifest m = new SceneScanner(List.of(), tmp, Map.of()).scan(scene);

        // block i names sourceimages/warm(i % 7).<UDIM>.png, or for every 4th block a long path of the same 7 names
        // (4 and 7 share no factor, so all 7 appear in both forms): 14 files, 3000 nodes in all, every third value
        // written on the next line and read whole; and the file -r line's scene
        var files = m.assets().stream().filter(a -> a.asset().ref().nodeType().equals("file")).toList();
        assertEquals(14, files.size());
        assertEquals(7, files.stream().filter(a -> a.asset().ref().path().startsWith("sourceimages/warm")).count());
        assertEquals(7, files.stream().filter(a -> a.asset().ref().path()
                .startsWith("D:/projects/warmup/assets/props/sourceimages/textures/warm")).count());
        assertEquals(ScannerWarmup.BLOCKS, files.stream().mapToInt(SceneManifest.SceneAsset::nodeCount).sum());
        assertEquals(List.of("props/prop.ma"), m.assets().stream().filter(a -> a.asset().ref().nodeType().equals("reference"))
                .map(a -> a.asset().ref().path()).toList());
        assertEquals(15, m.assets().size());
        assertEquals("arnold", m.settings().orElseThrow().renderer());
    }

    @Test
    void theWarmUpLeavesItsFolderEmpty() throws IOException {
        ScannerWarmup.run(tmp, Map.of());

        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }
}

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

        // block i names sourceimages/warm(i % 7).<UDIM>.png: 7 files, 3000 nodes in all; and the file -r line's scene
        var files = m.assets().stream().filter(a -> a.asset().ref().nodeType().equals("file")).toList();
        assertEquals(7, files.size());
        assertEquals(ScannerWarmup.BLOCKS, files.stream().mapToInt(SceneManifest.SceneAsset::nodeCount).sum());
        assertEquals(List.of("props/prop.ma"), m.assets().stream().filter(a -> a.asset().ref().nodeType().equals("reference"))
                .map(a -> a.asset().ref().path()).toList());
        assertEquals(8, m.assets().size());
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

package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.render.pathmap.PathMap;
import io.batchrender.render.pathmap.PathRule;
import io.batchrender.storage.local.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob-name rule is the path map's namer: a node that downloads the project finds every file where the map says. */
class BlobNamesPathMapTest {

    @TempDir
    Path tmp;

    @Test
    void filesSyncedAndLaidOutOnANodeAreWhereThePathMapPointsTheArtistsPaths() throws Exception {
        Path shot = tmp.resolve("artist/shot 010");
        List<Path> files = List.of(StoreFiles.write(shot.resolve("sourceimages/wood.png"), 300, 1),
                StoreFiles.write(shot.resolve("cache/fluid.0001.vdb"), 500, 2),
                StoreFiles.write(tmp.resolve("library/props/chair.ma"), 200, 3));
        try (LocalBlobStore store = LocalBlobStore.open(tmp.resolve("state/storage/local"));
             HashCache cache = HashCache.open(tmp.resolve("state/cache.db"))) {
            SyncRequest request = SyncRequest.forProject("shot010", List.of(shot, files.get(2)));
            new AssetSync(store, cache, SyncOptions.defaults()).run(request, SyncListener.NONE, new Cancellation());
            Path node = tmp.resolve("node/assets");
            new ContainerDownload(store, 2).run(request.container(), "", node, n -> { }, new Cancellation());

            List<String> artistPaths = files.stream().map(Path::toString).toList();
            List<PathRule> rules = PathMap.rules(artistPaths, BlobNames::forLocalPath);
            for (Path f : files) {
                Path onNode = Path.of(PathMap.apply(rules, node.toString(), f.toString()));
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(onNode), f + " -> " + onNode);
            }
        }
    }

    @Test
    void windowsPathsMapUnderTheirDriveFolder() {
        List<PathRule> rules = PathMap.rules(List.of("C:\\proj\\tex\\a.png", "\\\\server\\share\\lib\\b.ma"),
                BlobNames::forLocalPath);
        assertEquals("/mnt/assets/C/proj/tex/a.png", PathMap.apply(rules, "/mnt/assets", "C:\\proj\\tex\\a.png"));
        assertEquals("/mnt/assets/server/share/lib/b.ma", PathMap.apply(rules, "/mnt/assets", "\\\\server\\share\\lib\\b.ma"));
    }
}

package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User search paths: searched recursively, within limits, from an index built once. */
class SearchPathTest {

    @TempDir
    Path tmp;
    Path scene;
    Path cwd;

    /** Counts the disk accesses of a resolver. */
    static final class CountingReader implements DirectoryReader {
        final DirectoryReader disk = DirectoryReader.local();
        final AtomicInteger lists = new AtomicInteger();
        final AtomicInteger walks = new AtomicInteger();

        @Override
        public List<String> listFiles(Path dir) {
            lists.incrementAndGet();
            return disk.listFiles(dir);
        }

        @Override
        public Walk walk(Path root, SearchLimits limits) {
            walks.incrementAndGet();
            return disk.walk(root, limits);
        }
    }

    @BeforeEach
    void layOut() throws IOException {
        scene = Files.createDirectories(tmp.resolve("shots/sh010"));
        cwd = Files.createDirectories(tmp.resolve("cwd"));
    }

    private Path touch(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, relative);
    }

    private AssetResolver resolver(List<Path> searchPaths, SearchLimits limits, DirectoryReader reader) {
        ResolveContext ctx = new ResolveContext(scene, Optional.empty(), Map.of(), searchPaths, cwd, Map.of());
        return new AssetResolver(ctx, limits, reader);
    }

    private static AssetReference ref(String path) {
        return AssetReference.of("file1", "file", "ftn", path);
    }

    @Test
    void findsAFileDeepUnderASearchPath() throws IOException {
        Path deep = touch("lib/wood/old/oak.png");
        Path lib = tmp.resolve("lib");
        ResolvedAsset r = resolver(List.of(lib), SearchLimits.DEFAULT, DirectoryReader.local())
                .resolve(ref("Z:/textures/oak.png"));
        assertEquals(List.of(deep), r.files());
        assertEquals(Optional.of("search-path:" + lib), r.foundBy());
    }

    @Test
    void theFirstSearchPathWinsThenTheShallowestFolder() throws IOException {
        touch("a/x/y/pine.png");
        Path inB = touch("b/pine.png");
        Path shallow = touch("a/z/pine.png");
        AssetResolver r = resolver(List.of(tmp.resolve("b"), tmp.resolve("a")), SearchLimits.DEFAULT,
                DirectoryReader.local());
        assertEquals(List.of(inB), r.resolve(ref("pine.png")).files());
        ResolvedAsset fromA = resolver(List.of(tmp.resolve("a")), SearchLimits.DEFAULT, DirectoryReader.local())
                .resolve(ref("pine.png"));
        assertEquals(List.of(shallow), fromA.files());
        assertTrue(fromA.problem().orElseThrow().contains("also matched in 1 other folder(s)"));
    }

    @Test
    void aSequenceComesFromOneFolder() throws IOException {
        Path t1 = touch("lib/set1/leaf.1001.png");
        Path t2 = touch("lib/set1/leaf.1002.png");
        touch("lib/set2/deeper/leaf.1003.png");
        touch("lib/set1/leaf.1001.png.bak");
        ResolvedAsset r = resolver(List.of(tmp.resolve("lib")), SearchLimits.DEFAULT, DirectoryReader.local())
                .resolve(ref("leaf.<UDIM>.png"));
        assertEquals(List.of(t1, t2), r.files());
        ResolvedAsset none = resolver(List.of(tmp.resolve("lib")), SearchLimits.DEFAULT, DirectoryReader.local())
                .resolve(ref("bark.<UDIM>.png"));
        assertEquals(ResolvedAsset.Status.EMPTY_PATTERN, none.status());
    }

    @Test
    void depthAndFileCountAreBounded() throws IOException {
        touch("lib/1/2/3/deep.png");
        touch("lib/a.png");
        touch("lib/b.png");
        touch("lib/c.png");
        Path lib = tmp.resolve("lib");
        assertEquals(ResolvedAsset.Status.FOUND,
                resolver(List.of(lib), new SearchLimits(3, 100), DirectoryReader.local()).resolve(ref("deep.png")).status());
        ResolvedAsset tooDeep = resolver(List.of(lib), new SearchLimits(2, 100), DirectoryReader.local())
                .resolve(ref("deep.png"));
        assertEquals(ResolvedAsset.Status.MISSING, tooDeep.status());
        assertTrue(tooDeep.problem().orElseThrow().contains("only partly indexed"), tooDeep.problem().get());

        // breadth first and sorted: a limit of 2 files keeps a.png and b.png
        DirectoryReader.Walk walk = DirectoryReader.local().walk(lib, new SearchLimits(8, 2));
        assertEquals(List.of(lib.resolve("a.png"), lib.resolve("b.png")), walk.files());
        assertTrue(walk.truncated());
        assertEquals(ResolvedAsset.Status.MISSING,
                resolver(List.of(lib), new SearchLimits(8, 2), DirectoryReader.local()).resolve(ref("c.png")).status());
    }

    @Test
    void resolvingManyReferencesWalksEachSearchPathOnceAndListsEachFolderOnce() throws IOException {
        List<AssetReference> refs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            touch("lib" + (i % 2) + "/sub" + (i % 10) + "/t" + i + ".png");
            refs.add(ref("C:/old/place/t" + i + ".png"));
        }
        touch("shots/sh010/local.png");
        refs.add(ref("local.png"));
        CountingReader reader = new CountingReader();
        AssetResolver resolver = resolver(List.of(tmp.resolve("lib0"), tmp.resolve("lib1")), SearchLimits.DEFAULT,
                reader);
        List<ResolvedAsset> results = resolver.resolveAll(refs);
        assertTrue(results.stream().allMatch(r -> r.status() == ResolvedAsset.Status.FOUND));
        assertEquals(Optional.of("search-path:" + tmp.resolve("lib1")), results.get(1).foundBy());
        assertEquals(Optional.of("scene-folder"), results.get(1000).foundBy());
        assertEquals(2, reader.walks.get());
        assertEquals(2, reader.lists.get()); // the scene folder and cwd, nothing else
    }
}

package io.batchrender.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MayaCacheFilesTest {

    @Test
    void descriptionPathJoinsCachePathAndName() {
        assertEquals("./nCache/nParticles.xml", MayaCacheFiles.description("c", "./nCache/", "nParticles").path());
        assertEquals("D:\\cache\\fluid.xml", MayaCacheFiles.description("c", "D:\\cache\\", "fluid").path());
        assertEquals("cache/fluid.xml", MayaCacheFiles.description("c", "cache", "fluid").path());
        assertEquals("fluid.xml", MayaCacheFiles.description("c", "", "fluid").path());
    }

    @Test
    void dataFileNameFollowsTheCacheType() {
        assertEquals(Optional.of("n.mcx"), MayaCacheFiles.dataFileName("<cacheType Type=\"OneFile\" Format=\"mcx\"/>", "n"));
        assertEquals(Optional.of("n.mc"), MayaCacheFiles.dataFileName("<cacheType Type=\"OneFile\" Format=\"mcc\"/>", "n"));
        assertEquals(Optional.of("nFrame*.mc"),
                MayaCacheFiles.dataFileName("<cacheType Type=\"OneFilePerFrame\" Format=\"mcc\"/>", "n"));
        assertEquals(Optional.empty(), MayaCacheFiles.dataFileName("<Autodesk_Cache_File/>", "n"));
    }

    @Test
    void perFrameCacheResolvesToEveryFrameFile(@TempDir Path dir) throws IOException {
        Path cache = Files.createDirectories(dir.resolve("scene/cache"));
        Files.writeString(cache.resolve("drip.xml"),
                "<?xml version=\"1.0\"?>\n<Autodesk_Cache_File>\n  <cacheType Type=\"OneFilePerFrame\" Format=\"mcc\"/>\n"
                + "</Autodesk_Cache_File>\n");
        for (String f : List.of("dripFrame1.mc", "dripFrame2.mc", "dripFrame1Tick125.mc", "dropFrame1.mc", "drip.mcx")) {
            Files.writeString(cache.resolve(f), f);
        }
        AssetResolver resolver = new AssetResolver(
                new ResolveContext(dir.resolve("scene"), Optional.empty(), Map.of(), List.of(), dir, Map.of()));
        List<ResolvedAsset> r = MayaCacheFiles.resolve(resolver, "cacheFile1", "cache", "drip");
        assertEquals(List.of(cache.resolve("drip.xml")), r.get(0).files());
        assertEquals(List.of(cache.resolve("dripFrame1.mc"), cache.resolve("dripFrame1Tick125.mc"),
                cache.resolve("dripFrame2.mc")), r.get(1).files());

        List<ResolvedAsset> missing = MayaCacheFiles.resolve(resolver, "cacheFile2", "cache", "nothing");
        assertEquals(1, missing.size());
        assertEquals(ResolvedAsset.Status.MISSING, missing.get(0).status());
    }
}

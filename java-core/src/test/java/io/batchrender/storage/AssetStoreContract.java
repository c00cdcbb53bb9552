package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link AssetStore} must do, run against each store by a subclass: the Azure store on
 * a real Azurite, the local store in a temp folder. Every file is real and on disk.
 */
public abstract class AssetStoreContract {

    @TempDir
    protected Path tmp;
    protected AssetStore store;
    protected HashCache cache;

    /** A fresh store for one test. */
    protected abstract AssetStore openStore() throws Exception;

    @BeforeEach
    void openAll() throws Exception {
        store = openStore();
        cache = HashCache.open(tmp.resolve("state/hash-cache.db"));
    }

    @AfterEach
    void closeAll() {
        cache.close();
        store.close();
    }

    protected AssetSync sync() {
        return new AssetSync(store, cache, SyncOptions.defaults());
    }

    protected Map<String, BlobInfo> blobs(String container) {
        return store.list(container, "").stream().collect(Collectors.toMap(BlobInfo::name, b -> b));
    }

    @Test
    void containersAreCreatedListedAndDeleted() {
        assertTrue(store.createContainer("fgrp-alpha"));
        assertFalse(store.createContainer("fgrp-alpha"), "creating it again says it was there");
        assertTrue(store.createContainer("other-one"));
        assertTrue(store.containers("fgrp-").contains("fgrp-alpha"));
        assertFalse(store.containers("fgrp-").contains("other-one"));
        assertTrue(store.containerExists("other-one"));
        assertTrue(store.deleteContainer("fgrp-alpha"));
        assertFalse(store.deleteContainer("fgrp-alpha"));
        assertFalse(store.containerExists("fgrp-alpha"));
        assertThrows(IllegalArgumentException.class, () -> store.createContainer("Bad_Name"));
    }

    @Test
    void uploadKeepsTheMd5AndAWrongMd5IsRefused() throws Exception {
        store.createContainer("fgrp-md5");
        Path f = StoreFiles.write(tmp.resolve("in/a.bin"), 70_000, 1);
        String md5 = StoreFiles.md5(f);
        store.upload("fgrp-md5", "x/a.bin", f, Files.size(f), md5, n -> { }, new Cancellation());
        BlobInfo b = blobs("fgrp-md5").get("x/a.bin");
        assertEquals(70_000, b.size());
        assertEquals(Optional.of(md5), b.contentMd5());

        Path g = StoreFiles.write(tmp.resolve("in/b.bin"), 5_000, 2);
        StorageException e = assertThrows(StorageException.class, () ->
                store.upload("fgrp-md5", "x/b.bin", g, Files.size(g), md5, n -> { }, new Cancellation()));
        assertEquals(StorageException.Kind.INTEGRITY, e.kind());
        assertFalse(blobs("fgrp-md5").containsKey("x/b.bin"), "a refused upload leaves no blob");
    }

    @Test
    void secondSyncSendsOnlyTheThreeChangedFilesWithoutReadingTheOthers() throws Exception {
        Path root = tmp.resolve("shot");
        List<Path> files = StoreFiles.tree(root, 2000, 3000, 42);
        SyncRequest request = SyncRequest.forProject("shot010", List.of(root));

        SyncResult first = sync().run(request, SyncListener.NONE, new Cancellation());
        assertEquals(2000, first.uploaded());
        assertEquals(0, first.skipped());
        assertTrue(first.complete());

        for (int i : new int[] {3, 700, 1999}) {
            Path f = files.get(i);
            Files.write(f, ("changed " + i).getBytes(), java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(1)));
        }
        SyncResult second = sync().run(request, SyncListener.NONE, new Cancellation());
        assertEquals(3, second.uploaded());
        assertEquals(1997, second.skipped());
        assertEquals(3, second.hashed(), "only the changed files are read");

        Map<String, BlobInfo> remote = blobs("fgrp-shot010");
        assertEquals(2000, remote.size());
        for (Path f : files) {
            BlobInfo b = remote.get(BlobNames.forLocalPath(f.toString()));
            assertEquals(Optional.of(StoreFiles.md5(f)), b.contentMd5(), f.toString());
            assertEquals(Files.size(f), b.size());
        }
    }

    @Test
    void aPlanSaysWhatASyncWouldSendWithoutSendingIt() throws Exception {
        Path root = tmp.resolve("shot");
        List<Path> files = StoreFiles.tree(root, 25, 800, 12);
        SyncRequest request = SyncRequest.forProject("planned", List.of(root));
        SyncPlan before = sync().plan(request);
        assertEquals(25, before.toUpload());
        assertFalse(store.containerExists("fgrp-planned"), "planning creates nothing");
        sync().run(request, SyncListener.NONE, new Cancellation());
        Files.write(files.get(4), new byte[] {1, 2, 3});
        SyncPlan after = sync().plan(request);
        assertEquals(1, after.toUpload());
        assertEquals(files.get(4).toString(), after.files().stream().filter(SyncPlan.PlannedFile::upload)
                .findFirst().orElseThrow().path());
        assertEquals(3, after.bytesToUpload());
    }

    @Test
    void deselectedFilesAreNotUploaded() throws Exception {
        Path root = tmp.resolve("shot");
        List<Path> files = StoreFiles.tree(root, 30, 500, 7);
        Path skipDir = root.resolve("seq1");
        long inSkipDir = files.stream().filter(f -> f.startsWith(skipDir)).count();
        SyncRequest request = SyncRequest.forProject("deselect", List.of(root)).excluding(List.of(files.get(0), skipDir));
        SyncResult r = sync().run(request, SyncListener.NONE, new Cancellation());
        assertEquals(30 - 1 - inSkipDir, r.uploaded());
        assertEquals(1 + inSkipDir, r.excluded());
        Map<String, BlobInfo> remote = blobs(request.container());
        assertFalse(remote.containsKey(BlobNames.forLocalPath(files.get(0).toString())));
        assertTrue(remote.keySet().stream().noneMatch(n -> n.startsWith(BlobNames.forLocalPath(skipDir.toString()) + "/")));
    }

    @Test
    void unicodeSpacesAndLongPathsSurviveTheRoundTrip() throws Exception {
        Path root = tmp.resolve("projét ünï");
        List<Path> files = new ArrayList<>();
        files.add(StoreFiles.write(root.resolve("textures/фон с пробелом.png"), 1234, 3));
        files.add(StoreFiles.write(root.resolve("テクスチャ/木 目.tx"), 99, 4));
        Path deep = root;
        for (int i = 0; i < 12; i++) {
            deep = deep.resolve("a very long folder name number " + i);
        }
        files.add(StoreFiles.write(deep.resolve("leaf file.exr"), 4321, 5));
        assertTrue(files.get(2).toString().length() > 400, "longer than Windows' MAX_PATH");

        SyncRequest request = SyncRequest.forProject("round-trip", List.of(root));
        assertEquals(3, sync().run(request, SyncListener.NONE, new Cancellation()).uploaded());

        Path dest = tmp.resolve("down");
        DownloadResult d = new ContainerDownload(store, 4).run(request.container(), "", dest, n -> { }, new Cancellation());
        assertEquals(3, d.downloaded());
        assertTrue(d.refused().isEmpty() && d.failed().isEmpty());
        for (Path f : files) {
            Path back = dest.resolve(BlobNames.forLocalPath(f.toString()));
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(back), back.toString());
        }
        DownloadResult again = new ContainerDownload(store, 4).run(request.container(), "", dest, n -> { }, new Cancellation());
        assertEquals(3, again.skipped(), "files already there with the same MD5 are left alone");
    }

    @Test
    void downloadWithAPrefixStripsIt() throws Exception {
        store.createContainer("outputs");
        Path f = StoreFiles.write(tmp.resolve("in/frame.0001.exr"), 2048, 9);
        store.upload("outputs", "job-1/images/frame.0001.exr", f, Files.size(f), StoreFiles.md5(f), n -> { }, new Cancellation());
        store.upload("outputs", "job-2/images/other.exr", f, Files.size(f), StoreFiles.md5(f), n -> { }, new Cancellation());
        Path dest = tmp.resolve("out");
        DownloadResult d = new ContainerDownload(store, 2).run("outputs", "job-1/", dest, n -> { }, new Cancellation());
        assertEquals(1, d.downloaded());
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dest.resolve("images/frame.0001.exr")));
        assertFalse(Files.exists(dest.resolve("job-2")));
    }

    @Test
    void blobNamesThatEscapeTheDestinationAreRefusedAndNothingLandsOutside() throws Exception {
        store.createContainer("hostile");
        Path f = StoreFiles.write(tmp.resolve("payload.txt"), 100, 11);
        String md5 = StoreFiles.md5(f);
        List<String> hostile = List.of("../../escape.txt", "/etc/escape-abs.txt", "C:/Windows/escape-drive.txt",
                "ok/../../../escape-mid.txt", "back\\..\\..\\escape-bs.txt");
        for (String name : hostile) {
            store.upload("hostile", name, f, Files.size(f), md5, n -> { }, new Cancellation());
        }
        store.upload("hostile", "fine/good.txt", f, Files.size(f), md5, n -> { }, new Cancellation());
        Map<String, BlobInfo> stored = blobs("hostile");

        Path dest = tmp.resolve("a/b/dest");
        DownloadResult d = new ContainerDownload(store, 2).run("hostile", "", dest, n -> { }, new Cancellation());
        assertEquals(1, d.downloaded());
        assertTrue(Files.isRegularFile(dest.resolve("fine/good.txt")));
        List<String> refused = d.refused().stream().map(FileFailure::path).sorted().toList();
        List<String> expected = stored.keySet().stream().filter(n -> !n.equals("fine/good.txt")).sorted().toList();
        assertEquals(expected, refused, "every hostile name the store kept is refused and named");
        assertTrue(refused.size() >= 3, "the store kept at least the '..', absolute and drive names: " + stored.keySet());
        try (Stream<Path> all = Files.walk(tmp)) {
            List<Path> escaped = all.filter(p -> p.getFileName().toString().startsWith("escape")).toList();
            assertEquals(List.of(), escaped);
        }
        assertFalse(Files.exists(Path.of("/etc/escape-abs.txt")));
    }

    @Test
    void progressReachesTheEndAndCancelStopsTheSyncWhichThenResumes() throws Exception {
        Path root = tmp.resolve("shot");
        List<Path> files = StoreFiles.tree(root, 600, 20_000, 5);
        long totalBytes = 0;
        for (Path f : files) {
            totalBytes += Files.size(f);
        }
        SyncRequest request = SyncRequest.forProject("cancel-me", List.of(root));
        List<SyncProgress> seen = new CopyOnWriteArrayList<>();
        SyncOperation op = new AssetSync(store, cache, new SyncOptions(2, 3, java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(20))).start(request, seen::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (op.progress().filesUploaded() < 20 && System.nanoTime() < deadline && !op.isDone()) {
            Thread.sleep(5);
        }
        op.cancel();
        SyncResult cancelled = op.result().get(60, TimeUnit.SECONDS);
        assertTrue(cancelled.cancelled());
        assertTrue(cancelled.remaining() > 0, "cancel stopped it before the end");
        assertEquals(SyncProgress.Phase.CANCELLED, seen.get(seen.size() - 1).phase());

        List<SyncProgress> resumed = new CopyOnWriteArrayList<>();
        SyncResult rest = sync().run(request, resumed::add, new Cancellation());
        assertTrue(rest.complete());
        assertEquals(cancelled.uploaded(), rest.skipped(), "finished files are not sent again");
        assertEquals(600 - cancelled.uploaded(), rest.uploaded());
        SyncProgress last = resumed.get(resumed.size() - 1);
        assertEquals(SyncProgress.Phase.DONE, last.phase());
        assertEquals(totalBytes, last.bytesTotal());
        assertEquals(totalBytes, last.bytesDone());
        assertEquals(600, last.filesDone());
        assertEquals(1.0, last.fraction());
    }

    @Test
    void aMissingPathIsReportedAndTheRestStillSyncs() throws Exception {
        Path f = StoreFiles.write(tmp.resolve("in/a.bin"), 10, 1);
        SyncResult r = sync().run(SyncRequest.forProject("partial", List.of(f, tmp.resolve("in/nope.bin"))),
                SyncListener.NONE, new Cancellation());
        assertEquals(1, r.uploaded());
        assertEquals(1, r.failed().size());
        assertTrue(r.failed().get(0).reason().contains("no such file"));
        assertFalse(r.complete());
    }

    protected static Map<String, String> md5s(List<Path> files) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (Path f : files) {
            out.put(BlobNames.forLocalPath(f.toString()), StoreFiles.md5(f));
        }
        return out;
    }
}

package io.batchrender.storage.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockListType;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.ContainerAccess;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.AssetSync;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.StoreFiles;
import io.batchrender.storage.SyncListener;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncRequest;
import io.batchrender.storage.SyncResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What only the Azure store does: parallel blocks, SAS URLs for jobs, credentials from the environment. */
class AzureBlobStoreTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    @Test
    void aLargeFileGoesAsParallelBlocksAndKeepsItsWholeMd5() throws Exception {
        // just past the one-request limit: its full blocks and the rest
        int size = AzureBlobStore.SINGLE_SHOT_LIMIT + 12345;
        int expectedBlocks = AzureBlobStore.SINGLE_SHOT_LIMIT / AzureBlobStore.BLOCK_SIZE + 1;
        Path big = StoreFiles.write(tmp.resolve("caches/sim.abc"), size, 77);
        try (AzureBlobStore store = AZURITE.store(); HashCache cache = HashCache.open(tmp.resolve("cache.db"))) {
            SyncResult r = new AssetSync(store, cache, SyncOptions.defaults())
                    .run(SyncRequest.forProject("big", List.of(big)), SyncListener.NONE, new Cancellation());
            assertEquals(1, r.uploaded());
            String name = BlobNames.forLocalPath(big.toString());
            BlobInfo info = store.list("fgrp-big", "").get(0);
            assertEquals(name, info.name());
            assertEquals(Optional.of(StoreFiles.md5(big)), info.contentMd5());
            var blocks = new BlobServiceClientBuilder().connectionString(AZURITE.connectionString()).buildClient()
                    .getBlobContainerClient("fgrp-big").getBlobClient(name).getBlockBlobClient()
                    .listBlocks(BlockListType.COMMITTED).getCommittedBlocks();
            assertEquals(expectedBlocks, blocks.size(), "the full blocks and the rest");
            Path back = tmp.resolve("back.abc");
            store.download("fgrp-big", name, back, n -> { }, new Cancellation());
            assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(back));
        }
    }

    @Test
    void aCutOffLargeUploadResumesWithoutSendingItsStagedBlocksAgain() throws Exception {
        int blocks = 12; // more than the blocks in flight at once, so the cut leaves some unsent
        int size = blocks * AzureBlobStore.BLOCK_SIZE;
        Path big = StoreFiles.write(tmp.resolve("caches/ocean.vdb"), size, 91);
        try (AzureBlobStore store = AZURITE.store()) {
            store.createContainer("fgrp-resume");
            Cancellation cancel = new Cancellation();
            AtomicLong sent = new AtomicLong();
            StorageException cut = assertThrows(StorageException.class, () -> store.upload("fgrp-resume", "ocean.vdb", big,
                    size, null, n -> {
                        if (sent.addAndGet(n) >= AzureBlobStore.BLOCK_SIZE) {
                            cancel.cancel();
                        }
                    }, cancel));
            assertEquals(StorageException.Kind.CANCELLED, cut.kind());
            var blob = new BlobServiceClientBuilder().connectionString(AZURITE.connectionString()).buildClient()
                    .getBlobContainerClient("fgrp-resume").getBlobClient("ocean.vdb").getBlockBlobClient();
            int staged = blob.listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks().size();
            assertTrue(staged >= 1 && staged < blocks, "staged before the cut: " + staged);

            long before = AZURITE.storedBytes();
            String md5 = store.upload("fgrp-resume", "ocean.vdb", big, size, null, n -> { }, new Cancellation());
            long grew = AZURITE.storedBytes() - before;
            assertEquals(StoreFiles.md5(big), md5);
            assertEquals(Optional.of(md5), store.list("fgrp-resume", "").get(0).contentMd5());
            assertTrue(grew <= (long) (blocks - staged) * AzureBlobStore.BLOCK_SIZE + AzureBlobStore.BLOCK_SIZE / 2,
                    "Azurite stored " + grew + " bytes more; only " + (blocks - staged) + " blocks were missing");
            Path back = tmp.resolve("back.vdb");
            store.download("fgrp-resume", "ocean.vdb", back, n -> { }, new Cancellation());
            assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(back));
        }
    }

    @Test
    void readListSasReadsButCannotWriteAndWriteSasWritesButCannotRead() throws Exception {
        Path f = StoreFiles.write(tmp.resolve("a.png"), 5000, 1);
        try (AzureBlobStore store = AZURITE.store()) {
            store.createContainer("fgrp-sas");
            store.upload("fgrp-sas", "a.png", f, 5000, StoreFiles.md5(f), n -> { }, new Cancellation());
            store.createContainer("job-out");

            String read = store.sas().readListUrl("fgrp-sas");
            assertTrue(read.startsWith(AZURITE.blobEndpoint() + "/fgrp-sas?"), read);
            assertExpiresIn(read, ContainerSas.DEFAULT_LIFETIME);
            BlobContainerClient reader = new BlobContainerClientBuilder().endpoint(read).buildClient();
            assertEquals(List.of("a.png"), reader.listBlobs().stream().map(b -> b.getName()).toList());
            assertArrayEquals(Files.readAllBytes(f), reader.getBlobClient("a.png").downloadContent().toBytes());
            BlobStorageException denied = assertThrows(BlobStorageException.class,
                    () -> reader.getBlobClient("new.png").upload(BinaryData.fromString("x")));
            assertEquals(403, denied.getStatusCode());

            String write = store.sas().url("job-out", ContainerAccess.WRITE, Duration.ofHours(2));
            assertExpiresIn(write, Duration.ofHours(2));
            BlobContainerClient writer = new BlobContainerClientBuilder().endpoint(write).buildClient();
            writer.getBlobClient("frame.0001.exr").upload(BinaryData.fromString("pixels"));
            assertEquals(List.of("frame.0001.exr"), store.list("job-out", "").stream().map(BlobInfo::name).toList());
            assertEquals(403, assertThrows(BlobStorageException.class,
                    () -> writer.getBlobClient("frame.0001.exr").downloadContent()).getStatusCode());
        }
    }

    @Test
    void accountAndKeyFromTheEnvironmentAndNoSecretInMessages() throws Exception {
        Map<String, String> env = Map.of(AzureStorageConfig.ENV_ACCOUNT, AzuriteServer.ACCOUNT,
                AzureStorageConfig.ENV_KEY, AzuriteServer.KEY, AzureStorageConfig.ENV_ENDPOINT, AZURITE.blobEndpoint());
        AzureStorageConfig config = AzureStorageConfig.fromEnvironment(env, Map.of());
        assertEquals(AzureStorageConfig.Auth.SHARED_KEY, config.auth());
        assertFalse(config.toString().contains(AzuriteServer.KEY));
        try (AzureBlobStore store = AzureBlobStore.connect(config)) {
            assertTrue(store.createContainer("env-key"));
            assertTrue(store.containers("env-").contains("env-key"));
            assertFalse(store.describe().contains(AzuriteServer.KEY));
        }
        AzureStorageConfig wrongKey = AzureStorageConfig.fromEnvironment(Map.of(AzureStorageConfig.ENV_ACCOUNT,
                AzuriteServer.ACCOUNT, AzureStorageConfig.ENV_KEY, "d3Jvbmc=", AzureStorageConfig.ENV_ENDPOINT,
                AZURITE.blobEndpoint()), Map.of());
        try (AzureBlobStore store = AzureBlobStore.connect(wrongKey)) {
            StorageException e = assertThrows(StorageException.class, () -> store.containers(""));
            assertEquals(StorageException.Kind.ACCESS_DENIED, e.kind());
            assertFalse(e.getMessage().contains("d3Jvbmc="));
        }
    }

    @Test
    void aStoreReachedWithASasWorksButCannotMakeSasUrls() throws Exception {
        Path f = StoreFiles.write(tmp.resolve("b.png"), 300, 2);
        String sasUrl;
        try (AzureBlobStore store = AZURITE.store()) {
            store.createContainer("fgrp-via-sas");
            sasUrl = store.sas().url("fgrp-via-sas", ContainerAccess.WRITE, Duration.ofHours(1));
        }
        String token = sasUrl.substring(sasUrl.indexOf('?') + 1);
        AzureStorageConfig config = AzureStorageConfig.fromEnvironment(Map.of(AzureStorageConfig.ENV_ACCOUNT,
                AzuriteServer.ACCOUNT, AzureStorageConfig.ENV_SAS, token, AzureStorageConfig.ENV_ENDPOINT,
                AZURITE.blobEndpoint()), Map.of());
        assertEquals(AzureStorageConfig.Auth.SAS, config.auth());
        try (AzureBlobStore store = AzureBlobStore.connect(config)) {
            store.upload("fgrp-via-sas", "b.png", f, 300, StoreFiles.md5(f), n -> { }, new Cancellation());
            assertEquals(List.of("b.png"), store.list("fgrp-via-sas", "").stream().map(BlobInfo::name).toList());
            StorageException e = assertThrows(StorageException.class, () -> store.sas().readListUrl("fgrp-via-sas"));
            assertEquals(StorageException.Kind.ACCESS_DENIED, e.kind());
        }
    }

    @Test
    void anAccountAloneMeansEntraId() {
        AzureStorageConfig c = AzureStorageConfig.fromEnvironment(Map.of(AzureStorageConfig.ENV_ACCOUNT, "studio"), Map.of());
        assertEquals(AzureStorageConfig.Auth.ENTRA_ID, c.auth());
        assertEquals(Optional.of("https://studio.blob.core.windows.net"), c.blobEndpoint());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AzureStorageConfig.fromEnvironment(Map.of(), Map.of()).auth());
        assertTrue(none.getMessage().contains(AzureStorageConfig.ENV_CONNECTION_STRING));
    }

    private static void assertExpiresIn(String url, Duration lifetime) {
        String se = null;
        for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
            if (kv.startsWith("se=")) {
                se = URLDecoder.decode(kv.substring(3), StandardCharsets.UTF_8);
            }
        }
        OffsetDateTime expiry = OffsetDateTime.parse(se);
        OffsetDateTime expected = OffsetDateTime.now().plus(lifetime);
        assertTrue(Math.abs(Duration.between(expected, expiry).toSeconds()) < 120, "expiry " + expiry + " vs " + expected);
    }
}

package io.batchrender.storage.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.ContainerNames;
import io.batchrender.storage.Md5;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.StorageException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * Asset projects and outputs in Azure Blob Storage (or Azurite). Small files go up in one request
 * with their MD5, which the service checks; files above {@link #SINGLE_SHOT_LIMIT} go as parallel
 * 8 MiB blocks ({@link BlockUploader}). The client retries failed requests with exponential
 * backoff. Container SAS URLs for jobs come from {@link ContainerSas} ({@link #sas()}).
 */
public final class AzureBlobStore implements AssetStore {

    /** Files up to this size go in one request. */
    public static final int SINGLE_SHOT_LIMIT = 16 << 20;
    static final int BLOCK_SIZE = 4 << 20;
    /**
     * The most file bytes an upload holds in memory at once (small files read whole, blocks read ahead), over all
     * its files: at 20 MB/s that is 13 s of sending, far more than the link needs in flight.
     */
    static final long MEMORY_BUDGET = 256L << 20;
    /** Each request's time limit (the retry policy enforces it and tries again). */
    private static final Duration TRY_TIMEOUT = Duration.ofMinutes(2);

    private final BlobServiceClient service;
    private final AzureStorageConfig config;
    private final ExecutorService blockPool;
    private final BlockUploader blocks;
    private final MemoryBudget memory = new MemoryBudget(MEMORY_BUDGET);

    private AzureBlobStore(BlobServiceClient service, AzureStorageConfig config) {
        this.service = service;
        this.config = config;
        // as many block threads as the files in flight need (each keeps at most a few blocks read ahead): the
        // number in flight is the sync's to decide (AdaptiveLimit), not a count fixed here
        this.blockPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "blob-block");
            t.setDaemon(true);
            return t;
        });
        this.blocks = new BlockUploader(blockPool, BLOCK_SIZE, memory);
    }

    /**
     * Connects with the credentials {@code config} names (no request is made yet).
     *
     * @throws IllegalArgumentException when the config names no account or a malformed connection string
     */
    public static AzureBlobStore connect(AzureStorageConfig config) {
        BlobServiceClientBuilder b = new BlobServiceClientBuilder()
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 6, TRY_TIMEOUT,
                        Duration.ofMillis(500), Duration.ofSeconds(8), null));
        switch (config.auth()) {
            case CONNECTION_STRING -> b.connectionString(config.connectionString().orElseThrow());
            case SHARED_KEY -> b.endpoint(config.blobEndpoint().orElseThrow())
                    .credential(new StorageSharedKeyCredential(config.account().orElseThrow(), config.key().orElseThrow()));
            case SAS -> b.endpoint(config.blobEndpoint().orElseThrow())
                    .credential(new AzureSasCredential(config.sasToken().orElseThrow()));
            case ENTRA_ID -> b.endpoint(config.blobEndpoint().orElseThrow())
                    .credential(new DefaultAzureCredentialBuilder().build());
        }
        return new AzureBlobStore(b.buildClient(), config);
    }

    /** Makes container SAS URLs for jobs (needs an account key or Entra ID sign-in). */
    public ContainerSas sas() {
        return new ContainerSas(service, config.auth());
    }

    /** The URL of a container, without any SAS. */
    public String containerUrl(String container) {
        return service.getBlobContainerClient(container).getBlobContainerUrl();
    }

    @Override
    public String describe() {
        return "storage account " + service.getAccountName() + " (" + endpointHost() + ")";
    }

    private String endpointHost() {
        String url = service.getAccountUrl();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public List<String> containers(String prefix) {
        try {
            List<String> out = new ArrayList<>();
            for (BlobContainerItem c : service.listBlobContainers(new ListBlobContainersOptions().setPrefix(prefix), null)) {
                out.add(c.getName());
            }
            out.sort(null);
            return out;
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "listing containers", describe());
        }
    }

    @Override
    public boolean containerExists(String container) {
        try {
            return service.getBlobContainerClient(ContainerNames.check(container)).exists();
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "checking container " + container, describe());
        }
    }

    @Override
    public boolean createContainer(String container) {
        try {
            return service.getBlobContainerClient(ContainerNames.check(container)).createIfNotExists();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "creating container " + container, describe());
        }
    }

    @Override
    public boolean deleteContainer(String container) {
        try {
            return service.getBlobContainerClient(ContainerNames.check(container)).deleteIfExists();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "deleting container " + container, describe());
        }
    }

    @Override
    public List<BlobInfo> list(String container, String prefix) {
        BlobContainerClient c = service.getBlobContainerClient(container);
        try {
            List<BlobInfo> out = new ArrayList<>();
            ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(5000);
            if (!prefix.isEmpty()) {
                options.setPrefix(prefix);
            }
            for (BlobItem item : c.listBlobs(options, null)) {
                BlobItemProperties p = item.getProperties();
                Optional<String> md5 = Optional.ofNullable(p.getContentMd5()).filter(m -> m.length > 0).map(Md5::encode);
                Instant modified = p.getLastModified() == null ? Instant.EPOCH : p.getLastModified().toInstant();
                out.add(new BlobInfo(item.getName(), p.getContentLength() == null ? 0 : p.getContentLength(), md5, modified));
            }
            return out;
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "listing container " + container, describe());
        }
    }

    @Override
    public String upload(String container, String name, Path file, long size, String contentMd5,
                       LongConsumer progress, Cancellation cancel) {
        cancel.check();
        BlockBlobClient blob = service.getBlobContainerClient(container).getBlobClient(name).getBlockBlobClient();
        try {
            if (size <= SINGLE_SHOT_LIMIT) {
                byte[] md5;
                try (MemoryBudget.Held held = memory.hold(size, cancel)) {
                    byte[] bytes = Files.readAllBytes(file);
                    md5 = Md5.digest().digest(bytes);
                    if (bytes.length != size || (contentMd5 != null && !Md5.encode(md5).equals(contentMd5))) {
                        throw new StorageException(Kind.INTEGRITY, file + " changed since it was hashed");
                    }
                    blob.uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(bytes))
                            .setContentMd5(md5).setHeaders(new BlobHttpHeaders().setContentMd5(md5)), null, Context.NONE);
                }
                progress.accept(size);
                return Md5.encode(md5);
            } else {
                return blocks.upload(blob, file, size, contentMd5, progress, cancel);
            }
        } catch (NoSuchFileException e) {
            throw new StorageException(Kind.NOT_FOUND, "no such file: " + file, e);
        } catch (IOException e) {
            throw new StorageException(Kind.OTHER, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) {
                throw new StorageException(Kind.CANCELLED, "cancelled", e);
            }
            throw AzureErrors.map(e, "uploading " + name, describe());
        }
    }

    @Override
    public String download(String container, String name, Path target, LongConsumer progress, Cancellation cancel) {
        MessageDigest md = Md5.digest();
        try (OutputStream file = Files.newOutputStream(target)) {
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    cancel.check();
                    file.write(b, off, len);
                    md.update(b, off, len);
                    progress.accept(len);
                }
            };
            service.getBlobContainerClient(container).getBlobClient(name)
                    .downloadStreamWithResponse(counting, null, null, null, false, null, Context.NONE);
        } catch (IOException e) {
            throw new StorageException(Kind.OTHER, "cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) {
                throw new StorageException(Kind.CANCELLED, "cancelled", e);
            }
            throw AzureErrors.map(e, "downloading " + name, describe());
        }
        return Base64.getEncoder().encodeToString(md.digest());
    }

    /**
     * Opens one blob for reading from its first byte (the caller checks what it reads against the
     * blob's MD5). Errors while opening are {@link StorageException}s.
     */
    public java.io.InputStream openRead(String container, String name) {
        try {
            return service.getBlobContainerClient(container).getBlobClient(name).openInputStream();
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "reading " + name, describe());
        }
    }

    @Override
    public boolean delete(String container, String name) {
        try {
            return service.getBlobContainerClient(container).getBlobClient(name).deleteIfExists();
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "deleting " + name, describe());
        }
    }

    @Override
    public void close() {
        blockPool.shutdownNow();
    }
}

package io.batchrender.farm.local;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.core.util.BinaryData;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Md5;
import io.batchrender.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Storage container reached through a SAS URL ({@code storageContainerUrl} of a resource file,
 * {@code container.containerUrl} of an output), as a Batch node reaches it.
 */
final class SasContainer implements BlobSource {

    private final String url;
    private final BlobContainerClient client;

    SasContainer(String containerSasUrl) {
        this.url = containerSasUrl;
        try {
            this.client = new BlobContainerClientBuilder().endpoint(containerSasUrl).buildClient();
        } catch (IllegalArgumentException e) {
            throw new StorageException(StorageException.Kind.OTHER, "not a container URL: " + describe());
        }
    }

    @Override
    public String describe() {
        return io.batchrender.job.Secrets.withoutQuery(url);
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        try {
            List<BlobInfo> blobs = new ArrayList<>();
            for (BlobItem item : client.listBlobs(new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix), null)) {
                byte[] md5 = item.getProperties().getContentMd5();
                blobs.add(new BlobInfo(item.getName(), item.getProperties().getContentLength(),
                        Optional.ofNullable(md5).map(Md5::encode),
                        Optional.ofNullable(item.getProperties().getLastModified()).map(t -> t.toInstant()).orElse(Instant.EPOCH)));
            }
            return blobs;
        } catch (BlobStorageException e) {
            throw failure("list", e);
        }
    }

    @Override
    public String download(String name, Path target, io.batchrender.storage.Cancellation cancel) {
        cancel.check();
        MessageDigest md = Md5.digest();
        try (InputStream in = client.getBlobClient(name).openInputStream();
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), md)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                cancel.check();
                out.write(buffer, 0, n);
            }
        } catch (BlobStorageException e) {
            throw failure("download " + name + " from", e);
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.OTHER, "cannot write " + target + ": " + e.getMessage(), e);
        }
        return Md5.encode(md.digest());
    }

    @Override
    public String upload(String name, Path file) {
        try {
            String base64 = Md5.ofFile(file);
            byte[] md5 = Md5.decode(base64);
            BlobClient blob = client.getBlobClient(name);
            // the service checks the bytes against Content-MD5 (single upload) and the SDK per block
            blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromFile(file))
                    .setHeaders(new BlobHttpHeaders().setContentMd5(md5)).setComputeMd5(true), null, Context.NONE);
            return base64;
        } catch (BlobStorageException e) {
            throw failure("upload " + name + " to", e);
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.OTHER, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private StorageException failure(String what, BlobStorageException e) {
        StorageException.Kind kind = switch (e.getStatusCode()) {
            case 403 -> StorageException.Kind.ACCESS_DENIED;
            case 404 -> StorageException.Kind.NOT_FOUND;
            default -> StorageException.Kind.OTHER;
        };
        return new StorageException(kind, "cannot " + what + " " + describe() + " (HTTP " + e.getStatusCode()
                + (e.getErrorCode() == null ? "" : " " + e.getErrorCode()) + ")");
    }
}

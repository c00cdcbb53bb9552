package io.batchrender.farm.local;

import io.batchrender.job.ResourceFile;
import io.batchrender.job.Secrets;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.SafeBlobPath;
import io.batchrender.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Fetches a template task's resource files into its working folder before the command starts, as
 * a Batch node does: blobs of a local store container or of a container SAS URL (their full names
 * kept, under {@code filePath}), or one file from a {@code file:}, {@code http:} or {@code https:}
 * URL. Every file goes to a temporary file beside its target and is renamed into place; no path
 * may land outside the working folder.
 */
final class ResourceFetcher {

    /** A resource file could not be fetched; the message names it and says why. */
    static final class FetchFailed extends Exception {
        FetchFailed(String message) {
            super(message);
        }
    }

    /**
     * The client of {@code httpUrl} resource files, made when one is first fetched: making it sets up TLS and reads the
     * trust store, about 0.1 s that the agent's first task of a job with no such file (nearly every job) waited for
     * when it was made with this class (issue 18: the first task within 0.5 s of the submit).
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    private final Supplier<AssetStore> localStore;

    ResourceFetcher(Supplier<AssetStore> localStore) {
        this.localStore = localStore;
    }

    void fetch(ResourceFile file, Path workDir, Cancellation cancel) throws FetchFailed {
        Path wd = workDir.toAbsolutePath().normalize();
        String mode = file.fileMode().orElse(null);
        try {
            if (file.httpUrl().isPresent()) {
                Path target = inside(wd, file.filePath().orElse(""), file);
                fetchUrl(file.httpUrl().get(), target, cancel);
                applyMode(target, mode);
                return;
            }
            BlobSource source = file.autoStorageContainerName().isPresent()
                    ? BlobSource.local(localStore.get(), file.autoStorageContainerName().get(), false)
                    : new SasContainer(file.storageContainerUrl().orElseThrow());
            String base = file.filePath().map(p -> trimSlashes(p) + "/").orElse("");
            for (BlobInfo blob : source.list(file.blobPrefix().orElse(""))) {
                if (blob.name().endsWith("/")) {
                    continue; // a folder marker
                }
                cancel.check();
                Path target = inside(wd, base + blob.name(), file);
                Path temp = temp(target);
                try {
                    String md5 = source.download(blob.name(), temp, cancel);
                    if (blob.contentMd5().isPresent() && !blob.contentMd5().get().equals(md5)) {
                        throw new FetchFailed("Resource file " + blob.name() + " from " + source.describe()
                                + " arrived damaged (MD5 mismatch): try again.");
                    }
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
                applyMode(target, mode);
            }
        } catch (StorageException e) {
            throw new FetchFailed("Resource file " + file.describe() + " could not be fetched: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new FetchFailed("Resource file " + file.describe() + " could not be written to " + wd + " ("
                    + e.getMessage() + "): check the disk.");
        }
    }

    /** Where a name lands in the working folder, checked by name and on disk (no link leads out). */
    private static Path inside(Path wd, String relative, ResourceFile file) throws FetchFailed, IOException {
        SafeBlobPath.Verdict v = SafeBlobPath.resolve(wd, relative);
        if (v instanceof SafeBlobPath.Refused r) {
            throw new FetchFailed("Resource file '" + relative + "' from " + file.describe() + " is refused (" + r.reason()
                    + "): it would land outside the task's working folder.");
        }
        Path target = ((SafeBlobPath.Inside) v).path();
        if (SafeBlobPath.checkParentInside(wd, target) instanceof SafeBlobPath.Refused r) {
            throw new FetchFailed("Resource file '" + relative + "' is refused (" + r.reason() + ").");
        }
        Files.createDirectories(target.getParent());
        return target;
    }

    private static void fetchUrl(String url, Path target, Cancellation cancel) throws IOException, FetchFailed {
        Path temp = temp(target);
        try {
            if (url.startsWith("file:")) {
                Path source = Path.of(URI.create(url));
                if (!Files.isRegularFile(source)) {
                    throw new FetchFailed("Resource file " + url + " does not exist: check the path.");
                }
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            } else {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET().build();
                HttpResponse<InputStream> response;
                try {
                    response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FetchFailed("Resource file " + Secrets.withoutQuery(url) + ": interrupted.");
                }
                try (InputStream in = response.body()) {
                    if (response.statusCode() / 100 != 2) {
                        throw new FetchFailed("Resource file " + Secrets.withoutQuery(url) + " could not be downloaded"
                                + " (HTTP " + response.statusCode() + "): check the URL.");
                    }
                    copy(in, temp, cancel);
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("Resource file URL " + Secrets.withoutQuery(url) + " is not valid: " + e.getMessage());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies a download, stopping between buffers when the task is stopped. */
    static void copy(InputStream in, Path target, Cancellation cancel) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (var out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                cancel.check();
                out.write(buffer, 0, n);
            }
        }
    }

    private static Path temp(Path target) throws IOException {
        return Files.createTempFile(target.getParent(), ".fetch-", ".part");
    }

    /** Applies an octal mode such as {@code 0755} where the file system has POSIX permissions. */
    private static void applyMode(Path file, String mode) throws IOException {
        if (mode == null || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        int bits = Integer.parseInt(mode, 8);
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        Files.setPosixFilePermissions(file, perms);
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}

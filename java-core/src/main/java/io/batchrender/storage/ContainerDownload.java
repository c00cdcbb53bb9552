package io.batchrender.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Downloads the blobs of a container (or those under a prefix, which is stripped from their names)
 * into a folder. Each blob goes to a temporary file beside its target, is checked against the
 * blob's MD5, and is then renamed into place, so a file is either the old one or the whole new
 * one. A blob whose name would land outside the folder is refused and reported, never written.
 * Files already there with the blob's MD5 are left alone.
 */
public final class ContainerDownload {

    private final AssetStore store;
    private final int parallel;

    public ContainerDownload(AssetStore store, int parallel) {
        this.store = store;
        this.parallel = parallel;
    }

    /**
     * @param prefix   only blobs whose name starts with this ("" for all); removed from the file names
     * @param progress told of bytes written, from worker threads
     */
    public DownloadResult run(String container, String prefix, Path destination, LongConsumer progress, Cancellation cancel) {
        Path dest = destination.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dest);
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.OTHER, "cannot create " + dest + ": " + e.getMessage(), e);
        }
        List<FileFailure> refused = Collections.synchronizedList(new ArrayList<>());
        List<FileFailure> failed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger downloaded = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Runnable> jobs = new ArrayList<>();
        for (BlobInfo blob : store.list(container, prefix)) {
            String relative = blob.name().substring(prefix.length());
            SafeBlobPath.Verdict v = SafeBlobPath.resolve(dest, relative);
            if (v instanceof SafeBlobPath.Refused r) {
                refused.add(new FileFailure(blob.name(), r.reason()));
                continue;
            }
            Path target = ((SafeBlobPath.Inside) v).path();
            jobs.add(() -> {
                if (cancel.isCancelled()) {
                    return;
                }
                try {
                    SafeBlobPath.Verdict onDisk = SafeBlobPath.checkParentInside(dest, target);
                    if (onDisk instanceof SafeBlobPath.Refused r) {
                        refused.add(new FileFailure(blob.name(), r.reason()));
                        return;
                    }
                    if (blob.contentMd5().isPresent() && Files.isRegularFile(target) && Files.size(target) == blob.size()
                            && Md5.ofFile(target).equals(blob.contentMd5().get())) {
                        skipped.incrementAndGet();
                        return;
                    }
                    long n = fetch(container, blob, target, progress, cancel);
                    downloaded.incrementAndGet();
                    bytes.addAndGet(n);
                } catch (StorageException e) {
                    if (e.kind() != StorageException.Kind.CANCELLED) {
                        failed.add(new FileFailure(blob.name(), e.getMessage()));
                    }
                } catch (IOException e) {
                    failed.add(new FileFailure(blob.name(), "cannot write " + target + ": " + e.getMessage()));
                }
            });
        }
        FileWorkers.runFixed(jobs, parallel, "download", cancel);
        return new DownloadResult(downloaded.get(), skipped.get(), bytes.get(), sorted(refused), sorted(failed),
                cancel.isCancelled());
    }

    private long fetch(String container, BlobInfo blob, Path target, LongConsumer progress, Cancellation cancel)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + shortName(target), ".part");
        try {
            String md5 = store.download(container, blob.name(), temp, progress, cancel);
            long size = Files.size(temp);
            if (size != blob.size()) {
                throw new StorageException(StorageException.Kind.INTEGRITY, "got " + size + " bytes, the blob has " + blob.size());
            }
            if (blob.contentMd5().isPresent() && !blob.contentMd5().get().equals(md5)) {
                throw new StorageException(StorageException.Kind.INTEGRITY, "the bytes received do not match the blob's MD5");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return size;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String shortName(Path target) {
        String n = target.getFileName().toString();
        return n.length() > 40 ? n.substring(0, 40) : n;
    }

    private static List<FileFailure> sorted(List<FileFailure> l) {
        List<FileFailure> out = new ArrayList<>(l);
        out.sort(java.util.Comparator.comparing(FileFailure::path));
        return out;
    }
}

package io.batchrender.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Syncs local files into a container, sending only what changed. One container listing per sync;
 * a file is skipped when the blob has the same size and MD5; the {@link HashCache} supplies the
 * MD5 of files unchanged since they were last hashed (by size and modification time), so those
 * are not even read. Files go in parallel (large ones also as parallel blocks, by the store);
 * failed files are tried again with backoff; the store checks every byte against its MD5.
 * A sync that stopped (cancelled, crashed, network gone) just runs again: finished files are skipped.
 *
 * <pre>{@code
 * try (HashCache cache = HashCache.open(home.resolve("storage/hash-cache.db"))) {
 *     SyncResult r = new AssetSync(store, cache, SyncOptions.defaults())
 *             .run(SyncRequest.forProject("shot010", List.of(folder)), listener, new Cancellation());
 * }
 * }</pre>
 */
public final class AssetSync {

    private static final Logger LOG = Logger.getLogger(AssetSync.class.getName());

    private final AssetStore store;
    private final HashCache cache;
    private final SyncOptions options;

    public AssetSync(AssetStore store, HashCache cache, SyncOptions options) {
        this.store = store;
        this.cache = cache;
        this.options = options;
    }

    /** Starts the sync on a background thread; poll or cancel it through the returned handle. */
    public SyncOperation start(SyncRequest request, SyncListener listener) {
        Cancellation cancel = new Cancellation();
        AtomicReference<SyncProgress> latest = new AtomicReference<>(new SyncProgress(SyncProgress.Phase.SCANNING,
                0, 0, 0, 0, 0, 0, 0, Optional.empty(), Duration.ZERO));
        CompletableFuture<SyncResult> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(run(request, p -> {
                    latest.set(p);
                    listener.onProgress(p);
                }, cancel));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "asset-sync-" + request.container());
        t.setDaemon(true);
        t.start();
        return new SyncOperation(cancel, latest, result);
    }

    /**
     * Runs the sync on this thread and returns when every file is sent, skipped or failed, or
     * soon after {@code cancel} is cancelled.
     *
     * @throws StorageException when the container cannot be created or listed
     */
    public SyncResult run(SyncRequest request, SyncListener listener, Cancellation cancel) {
        ProgressTracker tracker = new ProgressTracker(System::nanoTime);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sync-progress"));
        reporter.scheduleAtFixedRate(() -> report(listener, tracker), options.progressEvery().toMillis(),
                options.progressEvery().toMillis(), TimeUnit.MILLISECONDS);
        List<FileFailure> failures = Collections.synchronizedList(new ArrayList<>());
        SyncFiles.Expanded expanded = new SyncFiles.Expanded(List.of(), 0, List.of());
        try {
            // the one listing of the container runs while the files are looked at
            CompletableFuture<Map<String, BlobInfo>> listing = CompletableFuture.supplyAsync(() -> {
                cancel.check();
                Map<String, BlobInfo> byName = new HashMap<>();
                for (BlobInfo b : listOrCreate(request.container())) {
                    byName.put(b.name(), b);
                }
                return byName;
            });
            expanded = SyncFiles.expand(request);
            failures.addAll(expanded.problems());
            List<Sized> files = stat(expanded.files(), failures);
            tracker.totals(files.size() + failures.size(), files.stream().mapToLong(Sized::size).sum());
            tracker.failed.addAndGet(failures.size());
            for (Path p : request.paths()) {
                if (Files.isDirectory(p)) {
                    cache.preload(p.toAbsolutePath().normalize().toString());
                }
            }

            tracker.phase(SyncProgress.Phase.LISTING);
            Map<String, BlobInfo> remote = join(listing);
            // files whose cached MD5 matches the blob are skipped here, without a thread or a read
            List<Sized> rest = new ArrayList<>();
            for (Sized f : files) {
                BlobInfo b = remote.get(f.file().blobName());
                if (b != null && b.size() == f.size() && b.contentMd5().isPresent()
                        && cache.lookup(f.file().path().toString(), f.size(), f.mtimeNanos()).equals(b.contentMd5())) {
                    tracker.skipped.incrementAndGet();
                    tracker.bytesDone.addAndGet(f.size());
                } else {
                    rest.add(f);
                }
            }
            files = rest;

            tracker.phase(SyncProgress.Phase.SYNCING);
            // one limit on files in flight and one on bytes a second, shared by every file of this sync
            AdaptiveLimit limit = options.newLimit();
            RateLimit rate = new RateLimit(options.bytesPerSecond());
            List<FileWorkers.Job> jobs = new ArrayList<>(files.size());
            for (Sized f : files) {
                jobs.add(() -> syncOne(request.container(), f, remote.get(f.file().blobName()), tracker, failures,
                        new Link(limit, rate), cancel));
            }
            FileWorkers.runAll(jobs, limit, "sync-file", cancel);
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.CANCELLED) {
                reporter.shutdownNow();
                throw e;
            }
        } finally {
            cache.flush();
        }
        reporter.shutdownNow();
        int total = tracker.snapshot().filesTotal();
        tracker.phase(cancel.isCancelled() ? SyncProgress.Phase.CANCELLED : SyncProgress.Phase.DONE);
        report(listener, tracker);
        List<FileFailure> failedSorted = new ArrayList<>(failures);
        failedSorted.sort(Comparator.comparing(FileFailure::path));
        return new SyncResult(request.container(), total, tracker.uploaded.get(), tracker.skipped.get(),
                expanded.excluded(), tracker.hashed.get(), tracker.bytesUploaded.get(), tracker.snapshot().bytesTotal(),
                failedSorted, cancel.isCancelled(), tracker.elapsed());
    }

    /**
     * What {@link #run} would send and skip, without sending anything.
     *
     * @throws StorageException when the container cannot be listed
     */
    public SyncPlan plan(SyncRequest request) {
        List<FileFailure> failures = new ArrayList<>();
        SyncFiles.Expanded expanded = SyncFiles.expand(request);
        failures.addAll(expanded.problems());
        List<Sized> files = stat(expanded.files(), failures);
        Map<String, BlobInfo> remote = new HashMap<>();
        if (store.containerExists(request.container())) {
            for (BlobInfo b : store.list(request.container(), "")) {
                remote.put(b.name(), b);
            }
        }
        ProgressTracker unused = new ProgressTracker(System::nanoTime);
        List<SyncPlan.PlannedFile> planned = new ArrayList<>();
        try {
            for (Sized f : files) {
                try {
                    boolean send = !check(f, remote.get(f.file().blobName()), unused).unchanged();
                    planned.add(new SyncPlan.PlannedFile(f.file().path().toString(), f.file().blobName(), f.size(), send));
                } catch (IOException | StorageException e) {
                    failures.add(new FileFailure(f.file().path().toString(), e.getMessage()));
                }
            }
        } finally {
            cache.flush();
        }
        planned.sort(Comparator.comparing(SyncPlan.PlannedFile::path));
        return new SyncPlan(request.container(), planned, expanded.excluded(), failures);
    }

    /** The file's MD5 as far as it is known without reading it (or read, when a blob of its size may match). */
    private record Check(Optional<String> md5, boolean unchanged) {
    }

    /**
     * Whether the blob already holds exactly this file: same size and MD5. The file is read only
     * when its MD5 is not cached and a blob of the same size with an MD5 is there.
     */
    private Check check(Sized f, BlobInfo remote, ProgressTracker tracker) throws IOException {
        Optional<String> md5 = cache.lookup(f.file().path().toString(), f.size(), f.mtimeNanos());
        if (remote == null || remote.size() != f.size() || remote.contentMd5().isEmpty()) {
            return new Check(md5, false);
        }
        if (md5.isEmpty()) {
            md5 = Optional.of(hash(f, tracker));
        }
        return new Check(md5, md5.equals(remote.contentMd5()));
    }

    /**
     * The container's blobs; a missing container is created (empty). The creation is asked for beside the listing,
     * not after its "not found": a new project's first upload starts one round trip sooner (75 ms through a 30 ms
     * link, with the client's handling of the error). For a container that is already there the creation answers
     * "already exists" (or, with a SAS that may not create containers, "forbidden"), which changes nothing and is
     * not reported; it only matters when the listing said the container is missing.
     */
    private List<BlobInfo> listOrCreate(String container) {
        // on a thread of its own: the listing itself runs on the common pool, which has one thread on two cores
        CompletableFuture<Boolean> create = CompletableFuture.supplyAsync(() -> store.createContainer(container),
                r -> daemon(r, "sync-create-container").start());
        try {
            return store.list(container, "");
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.NOT_FOUND) {
                throw e;
            }
            join(create);
            return List.of();
        }
    }

    /** A file with its size and time as they were when the sync looked. */
    private record Sized(SyncFiles.LocalFile file, long size, long mtimeNanos) {
    }

    private static List<Sized> stat(List<SyncFiles.LocalFile> files, List<FileFailure> failures) {
        List<Sized> out = new ArrayList<>(files.size());
        for (SyncFiles.LocalFile f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class);
                out.add(new Sized(f, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
            } catch (IOException e) {
                failures.add(new FileFailure(f.path().toString(), "cannot read: " + e.getMessage()));
            }
        }
        // the biggest first: their blocks keep the link busy while the small files fill the gaps
        out.sort(Comparator.comparingLong(Sized::size).reversed());
        return out;
    }

    /** What a sync's files share: the limit on how many are in flight and the one on bytes a second. */
    private record Link(AdaptiveLimit limit, RateLimit rate) {
    }

    /** Syncs one file; returns the bytes it sent (0 when skipped or failed). */
    private long syncOne(String container, Sized f, BlobInfo remote, ProgressTracker tracker,
                         List<FileFailure> failures, Link link, Cancellation cancel) {
        if (cancel.isCancelled()) {
            return 0;
        }
        String key = f.file().path().toString();
        try {
            Check c = check(f, remote, tracker);
            if (c.unchanged()) {
                tracker.skipped.incrementAndGet();
                tracker.bytesDone.addAndGet(f.size());
                return 0;
            }
            upload(container, f, c.md5().orElse(null), tracker, link, cancel);
            return f.size();
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.CANCELLED) {
                return 0;
            }
            fail(f, e.getMessage(), tracker, failures);
        } catch (NoSuchFileException e) {
            fail(f, "deleted during the sync", tracker, failures);
        } catch (IOException e) {
            fail(f, "cannot read: " + e.getMessage(), tracker, failures);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sync of " + key + " failed", e);
            fail(f, e.toString(), tracker, failures);
        }
        return 0;
    }

    private void upload(String container, Sized f, String knownMd5, ProgressTracker tracker, Link link,
                        Cancellation cancel) throws IOException {
        String md5 = knownMd5;
        Duration backoff = options.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            cancel.check();
            AtomicLong sentThisTry = new AtomicLong();
            try {
                // without a known MD5 the store computes it from the bytes it sends: one read, not two
                // the rate limit is paid as bytes are reported sent: the sending thread waits there before its next request
                String sent = store.upload(container, f.file().blobName(), f.file().path(), f.size(), md5, n -> {
                    sentThisTry.addAndGet(n);
                    tracker.sent(n);
                    pace(link.rate(), n, cancel);
                }, cancel);
                if (md5 == null) {
                    tracker.hashed.incrementAndGet();
                    requireUnchanged(f);
                    cache.put(f.file().path().toString(), f.size(), f.mtimeNanos(), sent);
                }
                tracker.sent(f.size() - sentThisTry.get()); // a store that reports coarsely still ends at the file's size
                tracker.uploaded.incrementAndGet();
                tracker.bytesUploaded.addAndGet(f.size());
                return;
            } catch (StorageException e) {
                tracker.bytesDone.addAndGet(-sentThisTry.get());
                if (!e.isTransient() || attempt >= options.attempts()) {
                    throw e;
                }
                link.limit().failed(); // fewer in flight while the link or the service is in trouble
                LOG.log(Level.INFO, "upload of " + f.file().blobName() + " failed (try " + attempt + "), retrying: " + e.getMessage());
                if (e.kind() == StorageException.Kind.INTEGRITY) {
                    md5 = null; // the file may have changed: take its MD5 from the bytes sent next time
                }
                sleep(backoff, cancel);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void pace(RateLimit rate, long bytes, Cancellation cancel) {
        try {
            rate.took(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        }
    }

    /** Fails when the file's size or time moved since the sync looked at it: what was sent may be a mix. */
    private static void requireUnchanged(Sized f) throws IOException {
        BasicFileAttributes now = Files.readAttributes(f.file().path(), BasicFileAttributes.class);
        if (now.size() != f.size() || now.lastModifiedTime().to(TimeUnit.NANOSECONDS) != f.mtimeNanos()) {
            throw new StorageException(StorageException.Kind.OTHER, "changed during the sync; run it again");
        }
    }

    private String hash(Sized f, ProgressTracker tracker) throws IOException {
        String md5 = Md5.ofFile(f.file().path());
        tracker.hashed.incrementAndGet();
        requireUnchanged(f);
        cache.put(f.file().path().toString(), f.size(), f.mtimeNanos(), md5);
        return md5;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.CANCELLED, "cancelled");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void fail(Sized f, String reason, ProgressTracker tracker, List<FileFailure> failures) {
        failures.add(new FileFailure(f.file().path().toString(), reason));
        tracker.failed.incrementAndGet();
        tracker.bytesDone.addAndGet(f.size());
    }

    private static void sleep(Duration d, Cancellation cancel) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            cancel.check();
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
            }
        }
    }

    private static void report(SyncListener listener, ProgressTracker tracker) {
        try {
            listener.onProgress(tracker.snapshot());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "progress listener failed", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

}

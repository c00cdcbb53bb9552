package io.batchrender.storage.azure;

import io.batchrender.storage.Cancellation;
import io.batchrender.storage.StorageException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes an upload may hold in memory at once, over all its files: a small file is read whole and a large
 * one a few blocks ahead, so without a bound the files in flight times their buffers (64 files of 16 MiB, or of
 * five 8 MiB blocks) could exhaust the heap. A request waits here until enough of the budget is free.
 */
final class MemoryBudget {

    private static final int KIB = 1024;

    private final Semaphore kib;
    private final int totalKib;

    MemoryBudget(long bytes) {
        if (bytes < KIB) {
            throw new IllegalArgumentException("a memory budget of at least 1 KiB");
        }
        this.totalKib = (int) Math.min(Integer.MAX_VALUE, bytes / KIB);
        this.kib = new Semaphore(totalKib, true);
    }

    /** What one hold gives back when closed (once). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until {@code bytes} (at most the whole budget) are free and holds them; a cancelled upload stops
     * waiting with a {@code CANCELLED} {@link StorageException}.
     */
    Held hold(long bytes, Cancellation cancel) {
        int want = (int) Math.min(totalKib, Math.max(1, (bytes + KIB - 1) / KIB));
        try {
            while (!kib.tryAcquire(want, 100, TimeUnit.MILLISECONDS)) {
                cancel.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.CANCELLED, "cancelled");
        }
        boolean[] open = {true};
        return () -> {
            synchronized (open) {
                if (open[0]) {
                    open[0] = false;
                    kib.release(want);
                }
            }
        };
    }

    /** Bytes free now (for tests). */
    long freeBytes() {
        return (long) kib.availablePermits() * KIB;
    }
}

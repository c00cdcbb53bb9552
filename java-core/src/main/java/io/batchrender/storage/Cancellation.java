package io.batchrender.storage;

/** A flag a long transfer checks between files and blocks; {@link #cancel()} is safe from any thread. */
public final class Cancellation {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link StorageException} of kind {@code CANCELLED} once {@link #cancel()} was called. */
    public void check() {
        if (cancelled) {
            throw new StorageException(StorageException.Kind.CANCELLED, "cancelled");
        }
    }
}

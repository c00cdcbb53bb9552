package io.batchrender.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sync running in the background: what the Maya panel (through the bridge) polls and cancels.
 * Obtain one from {@link AssetSync#start}.
 */
public final class SyncOperation {

    private final Cancellation cancellation;
    private final AtomicReference<SyncProgress> latest;
    private final CompletableFuture<SyncResult> result;

    SyncOperation(Cancellation cancellation, AtomicReference<SyncProgress> latest, CompletableFuture<SyncResult> result) {
        this.cancellation = cancellation;
        this.latest = latest;
        this.result = result;
    }

    /** The latest progress snapshot (phase {@code SCANNING} with zeros before the first). */
    public SyncProgress progress() {
        return latest.get();
    }

    /** Asks the sync to stop: no new file starts, files in flight stop at their next block. */
    public void cancel() {
        cancellation.cancel();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Completes with the result (also when cancelled: {@link SyncResult#cancelled()}), or
     * exceptionally with a {@link StorageException} when the container could not be reached.
     */
    public CompletableFuture<SyncResult> result() {
        return result;
    }
}

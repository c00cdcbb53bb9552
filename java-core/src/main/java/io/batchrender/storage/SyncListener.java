package io.batchrender.storage;

/**
 * Told how a sync is going: a few times a second from one reporting thread, and once more with
 * the final figures. Keep it quick; it must not block.
 */
@FunctionalInterface
public interface SyncListener {

    SyncListener NONE = p -> { };

    void onProgress(SyncProgress progress);
}

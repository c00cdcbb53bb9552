package io.batchrender.storage;

import java.time.Duration;
import java.util.List;

/**
 * What a sync did.
 *
 * @param container     the container synced into
 * @param filesTotal    files selected (after exclusions)
 * @param uploaded      files sent
 * @param skipped       files already there with the same size and MD5
 * @param excluded      files left out because the user deselected them
 * @param hashed        files read to learn their MD5 (by a hash pass or while being sent); the others
 *                      were skipped on the MD5 the hash cache had for them
 * @param bytesUploaded bytes of the files sent
 * @param bytesTotal    bytes of all selected files
 * @param failed        files that were not sent, with the reason
 * @param cancelled     true when the sync was cancelled before it finished
 * @param elapsed       how long it took
 */
public record SyncResult(String container, int filesTotal, int uploaded, int skipped, int excluded, int hashed,
                         long bytesUploaded, long bytesTotal, List<FileFailure> failed, boolean cancelled,
                         Duration elapsed) {

    public SyncResult {
        failed = List.copyOf(failed);
    }

    /** Files neither sent, skipped nor failed (left when cancelled). */
    public int remaining() {
        return filesTotal - uploaded - skipped - failed.size();
    }

    /** Every selected file is in the container. */
    public boolean complete() {
        return !cancelled && failed.isEmpty() && remaining() == 0;
    }
}

package io.batchrender.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running sync. Bytes of files found unchanged count as done at once, so
 * {@code bytesDone / bytesTotal} is the fraction finished; the rate counts only bytes sent.
 *
 * @param phase          what the sync is doing
 * @param filesTotal     files selected
 * @param filesUploaded  files sent
 * @param filesSkipped   files already in the container with the same size and MD5
 * @param filesFailed    files that could not be sent
 * @param bytesTotal     size of all selected files
 * @param bytesDone      bytes of skipped and sent files, plus bytes sent so far of files in flight
 * @param bytesPerSecond upload rate over the last few seconds
 * @param eta            time left at that rate, when there is a rate
 * @param elapsed        time since the sync started
 */
public record SyncProgress(Phase phase, int filesTotal, int filesUploaded, int filesSkipped, int filesFailed,
                           long bytesTotal, long bytesDone, double bytesPerSecond, Optional<Duration> eta,
                           Duration elapsed) {

    /** The steps of a sync, in order. */
    public enum Phase { SCANNING, LISTING, SYNCING, DONE, CANCELLED }

    public int filesDone() {
        return filesUploaded + filesSkipped + filesFailed;
    }

    /** 0..1, by bytes. */
    public double fraction() {
        return bytesTotal == 0 ? (phase == Phase.DONE ? 1 : 0) : Math.min(1.0, (double) bytesDone / bytesTotal);
    }
}

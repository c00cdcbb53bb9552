package io.batchrender.storage;

import java.util.List;

/**
 * What a download did.
 *
 * @param downloaded blobs written (each checked against its MD5, then renamed into place)
 * @param skipped    blobs whose file was already there with the same MD5
 * @param bytes      bytes written
 * @param refused    blobs not written because their name would land outside the destination, with the reason
 * @param failed     blobs that could not be fetched or did not match their MD5
 * @param cancelled  true when cancelled before the end
 */
public record DownloadResult(int downloaded, int skipped, long bytes, List<FileFailure> refused, List<FileFailure> failed,
                             boolean cancelled) {

    public DownloadResult {
        refused = List.copyOf(refused);
        failed = List.copyOf(failed);
    }
}

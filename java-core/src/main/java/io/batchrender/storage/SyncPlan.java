package io.batchrender.storage;

import java.util.List;

/**
 * What a sync would do, without doing it: for the panel's "what will be uploaded" list and
 * {@code upload --dry-run}. Computing it reads (and caches the MD5 of) files whose size matches
 * a blob but that are not in the hash cache yet.
 *
 * @param container the container
 * @param files     every selected file with its blob name, size and whether it would be sent
 * @param excluded  files left out because the user deselected them
 * @param problems  paths that cannot be synced, with the reason
 */
public record SyncPlan(String container, List<PlannedFile> files, int excluded, List<FileFailure> problems) {

    /** One file of the plan; {@code upload} is false when the blob already has its size and MD5. */
    public record PlannedFile(String path, String blobName, long size, boolean upload) {
    }

    public SyncPlan {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public long toUpload() {
        return files.stream().filter(PlannedFile::upload).count();
    }

    public long bytesToUpload() {
        return files.stream().filter(PlannedFile::upload).mapToLong(PlannedFile::size).sum();
    }
}

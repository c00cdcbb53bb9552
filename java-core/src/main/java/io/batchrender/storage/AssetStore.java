package io.batchrender.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Containers of blobs: asset projects (file groups) and job outputs. Two implementations pass the
 * same contract tests: Azure Blob Storage ({@code storage.azure}) and a folder on this machine
 * ({@code storage.local}). Methods throw {@link StorageException} with a message a user can act
 * on; implementations are safe to call from many threads.
 */
public interface AssetStore extends AutoCloseable {

    /** Where the store is, for messages: never holds a secret. */
    String describe();

    /** The containers whose name starts with {@code prefix} (all for ""), sorted by name. */
    List<String> containers(String prefix);

    boolean containerExists(String container);

    /** Creates the container; false when it was already there. */
    boolean createContainer(String container);

    /** Deletes the container and every blob in it; false when there was none. */
    boolean deleteContainer(String container);

    /** Every blob whose name starts with {@code prefix}, in one listing (paged by the store). */
    List<BlobInfo> list(String container, String prefix);

    /**
     * Writes {@code file} as blob {@code name}, replacing any blob of that name, and returns the
     * Base64 MD5 of the bytes sent, which the blob keeps as its {@code Content-MD5}. The store has
     * the bytes checked against their MD5 as they arrive (Azure: per request or block) and, when
     * {@code contentMd5} is given, refuses a file whose bytes do not match it (kind {@code INTEGRITY}).
     *
     * @param size       the file's size when it was looked at
     * @param contentMd5 the MD5 the file should have, or null to compute it while sending
     * @param progress   told how many more bytes were sent, as they go
     * @param cancel     checked between blocks; a cancelled upload leaves the old blob (or none)
     */
    String upload(String container, String name, Path file, long size, String contentMd5,
                  LongConsumer progress, Cancellation cancel);

    /**
     * Writes the blob's bytes to {@code target} (created or replaced; the caller makes it a temp
     * file and checks the MD5), and returns the MD5 of what was written.
     */
    String download(String container, String name, Path target, LongConsumer progress, Cancellation cancel);

    /** Deletes one blob; false when there was none. */
    boolean delete(String container, String name);

    @Override
    void close();
}

package io.batchrender.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * One blob as a container listing shows it.
 *
 * @param name         the blob name ({@code /}-separated)
 * @param size         its length in bytes
 * @param contentMd5   the Base64 MD5 of the whole blob as the store keeps it, when it has one
 * @param lastModified when it was last written
 */
public record BlobInfo(String name, long size, Optional<String> contentMd5, Instant lastModified) {
}

package io.batchrender.render.pathmap;

/**
 * The one function that names the blob a local file was uploaded as (the storage layer owns it);
 * the path map uses the same function, so a node finds each file where the upload put it.
 */
@FunctionalInterface
public interface BlobNamer {

    /** The blob name (relative, {@code /}-separated) of the file at the artist's absolute {@code localPath}. */
    String blobName(String localPath);
}

package io.batchrender.templates;

import io.batchrender.storage.AssetStore;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.local.LocalBlobStore;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Lists the files a {@code taskPerFile} factory makes tasks for, and says where a node fetches each
 * one. The farm running the job supplies it: Azure (blob URLs with a read SAS), the local farm
 * ({@link #ofLocalStore}: {@code file:} URIs of the stored bytes).
 */
public interface FileGroupFiles {

    /**
     * The files in {@code container} whose name starts with {@code prefix} ("" for all), sorted by name.
     *
     * @throws RuntimeException when the container cannot be listed (the engine names the template line)
     */
    List<SourceFile> list(String container, String prefix);

    /**
     * The files under a {@code source.containerUrl} (a container URL with a SAS that may list).
     * Stores that cannot reach arbitrary URLs refuse, saying so.
     */
    default List<SourceFile> listContainerUrl(String containerUrl, String prefix) {
        throw new UnsupportedOperationException("a source.containerUrl cannot be listed on this farm: upload the files"
                + " to a file group and use \"source\": {\"fileGroup\": ...}");
    }

    /** For templates without {@code taskPerFile}: any listing fails, saying there is no store. */
    static FileGroupFiles none() {
        return (container, prefix) -> {
            throw new UnsupportedOperationException("no file store was given to list files from");
        };
    }

    /**
     * Lists {@code store}; each file's URL is {@code urlOf(container, blob)} (on Azure: the blob URL
     * with a read SAS).
     */
    static FileGroupFiles ofStore(AssetStore store, BiFunction<String, BlobInfo, String> urlOf) {
        return (container, prefix) -> {
            if (!store.containerExists(container)) {
                throw new IllegalArgumentException("there is no container " + container + " in the " + store.describe());
            }
            return store.list(container, prefix).stream()
                    .map(b -> new SourceFile(b.name(), urlOf.apply(container, b)))
                    .sorted(java.util.Comparator.comparing(SourceFile::name))
                    .toList();
        };
    }

    /** The local farm's store: each file's URL is the {@code file:} URI of its stored bytes. */
    static FileGroupFiles ofLocalStore(LocalBlobStore store) {
        return ofStore(store, (container, blob) -> store.storedFile(container, blob.name()).toUri().toString());
    }
}

package io.batchrender.farm.local;

import io.batchrender.storage.AssetStore;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.StorageException;
import java.nio.file.Path;
import java.util.List;

/** Where resource files come from and outputs go: a container of the local store, or one reached by a SAS URL. */
interface BlobSource {

    /** What it is, for messages (never a signature). */
    String describe();

    List<BlobInfo> list(String prefix);

    /** Writes the blob to {@code target} and returns the Base64 MD5 of what was written. */
    String download(String name, Path target, Cancellation cancel);

    /** Writes {@code file} as blob {@code name}, checked by MD5 on the way; returns the Base64 MD5 of what was sent. */
    String upload(String name, Path file);

    /** A container of the local store; {@code create} makes it when missing (for outputs). */
    static BlobSource local(AssetStore store, String container, boolean create) {
        if (create) {
            store.createContainer(container);
        } else if (!store.containerExists(container)) {
            throw new StorageException(StorageException.Kind.OTHER, "the local store has no container " + container);
        }
        return new BlobSource() {
            @Override
            public String describe() {
                return "container " + container;
            }

            @Override
            public List<BlobInfo> list(String prefix) {
                return store.list(container, prefix);
            }

            @Override
            public String download(String name, Path target, Cancellation cancel) {
                return store.download(container, name, target, n -> { }, cancel);
            }

            @Override
            public String upload(String name, Path file) {
                return store.upload(container, name, file, file.toFile().length(), null, n -> { }, new Cancellation());
            }
        };
    }
}

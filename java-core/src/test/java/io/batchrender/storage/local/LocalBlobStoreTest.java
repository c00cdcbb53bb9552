package io.batchrender.storage.local;

import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStoreContract;

/** The local store passes the same contract as Azure's. */
class LocalBlobStoreTest extends AssetStoreContract {

    @Override
    protected AssetStore openStore() {
        return LocalBlobStore.open(tmp.resolve("state/storage/local"));
    }
}

package io.batchrender.storage.azure;

import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Azure store, on a real Azurite, passes the same contract as the local one. */
class AzureBlobStoreContractTest extends AssetStoreContract {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @Override
    protected AssetStore openStore() {
        AssetStore s = AZURITE.store();
        for (String c : s.containers("")) {
            s.deleteContainer(c);
        }
        return s;
    }
}

package io.batchrender.farm.azure;

import io.batchrender.farm.FarmNotConfiguredException;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.azure.AzureBlobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Azure store this farm's jobs read their assets from and write their outputs to. */
final class AzureStores {

    private AzureStores() {
    }

    /**
     * The Azure Blob Storage account {@code env} and {@code storage.json} name ({@code upload --store azure}'s);
     * {@link FarmNotConfiguredException} when none is set, its message ending in {@code why}.
     */
    static AzureBlobStore open(StateHome home, Map<String, String> env, String why) {
        try {
            return (AzureBlobStore) AssetStores.open(home, env, Optional.of(AssetStores.AZURE));
        } catch (IllegalArgumentException e) {
            throw new FarmNotConfiguredException(List.of("storage account"), e.getMessage() + why);
        }
    }
}

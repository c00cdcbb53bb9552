package io.batchrender.watch;

import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.azure.AzureTaskOutputs;
import io.batchrender.farm.local.LocalFarm;
import io.batchrender.farm.local.LocalTaskOutputs;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.azure.AzureBlobStore;
import java.util.Map;
import java.util.Optional;

/** Where a farm's finished outputs are read from: the one place that knows each farm's {@link TaskOutputs}. */
public final class WatchSources {

    private WatchSources() {
    }

    /** As {@link #outputsOf(RenderFarm, StateHome, Map)} with this process's environment. */
    public static TaskOutputs outputsOf(RenderFarm farm, StateHome home) {
        return outputsOf(farm, home, System.getenv());
    }

    /**
     * The local farm's output folder, or for Azure the jobs' output containers in the Azure store
     * ({@code env} and {@code storage.json} name the account, as for {@code upload --store azure}).
     */
    public static TaskOutputs outputsOf(RenderFarm farm, StateHome home, Map<String, String> env) {
        if (farm instanceof LocalFarm) {
            return new LocalTaskOutputs(home, farm);
        }
        if (farm instanceof AzureFarm azure) {
            try {
                return new AzureTaskOutputs(azure, (AzureBlobStore) AssetStores.open(home, env, Optional.of(AssetStores.AZURE)));
            } catch (IllegalArgumentException e) {
                throw new WatchException(e.getMessage() + " (the job's outputs are in an Azure Storage output container)");
            }
        }
        throw new WatchException("Outputs of a " + farm.getClass().getSimpleName() + " cannot be watched yet.");
    }
}

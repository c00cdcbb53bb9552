package io.batchrender.watch;

import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.local.LocalFarm;
import io.batchrender.farm.local.LocalTaskOutputs;
import io.batchrender.settings.StateHome;

/** Where a farm's finished outputs are read from: the one place that knows each farm's {@link TaskOutputs}. */
public final class WatchSources {

    private WatchSources() {
    }

    public static TaskOutputs outputsOf(RenderFarm farm, StateHome home) {
        if (farm instanceof LocalFarm) {
            return new LocalTaskOutputs(home, farm);
        }
        // the Azure farm adds its output-container reader here
        throw new WatchException("Outputs of a " + farm.getClass().getSimpleName() + " cannot be watched yet.");
    }
}

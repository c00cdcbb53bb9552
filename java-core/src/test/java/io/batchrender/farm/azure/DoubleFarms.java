package io.batchrender.farm.azure;

import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import java.nio.file.Path;
import java.time.Duration;

/** The Azure farm the tests put on the Batch test double: jobs on an existing pool, 4 collections in flight, short backoff. */
final class DoubleFarms {

    private DoubleFarms() {
    }

    static AzureFarm on(BatchDouble batch, Path state, String pool) {
        return new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()), new StateHome(state),
                AzureJobSettings.on(new PoolChoice.Existing(pool)), 4, Duration.ofMillis(50));
    }
}

package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import java.nio.file.Path;
import java.time.Duration;

/** The Azure farm the tests put on the Batch test double: jobs on an existing pool, 4 collections in flight, short backoff. */
public final class DoubleFarms {

    private DoubleFarms() {
    }

    /**
     * The same, signed in with Microsoft Entra ID (a token the double accepts): what a pool or job with a Compute
     * Gallery image needs (Shared Key is refused for those).
     */
    public static AzureFarm entra(BatchDouble batch, Path state, AzureJobSettings settings) {
        String token = "double-entra-token";
        batch.acceptBearer(token);
        com.azure.core.credential.TokenCredential credential = request -> reactor.core.publisher.Mono.just(
                new com.azure.core.credential.AccessToken(token, java.time.OffsetDateTime.now().plusHours(1)));
        return new AzureFarm(BatchAccount.entraId(batch.url(), batch.account()), credential, new StateHome(state), settings, 4,
                Duration.ofMillis(50));
    }

    static AzureFarm entra(BatchDouble batch, Path state, String pool) {
        return entra(batch, state, AzureJobSettings.on(new PoolChoice.Existing(pool)));
    }

    static AzureFarm on(BatchDouble batch, Path state, String pool) {
        return new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()), new StateHome(state),
                AzureJobSettings.on(new PoolChoice.Existing(pool)), 4, Duration.ofMillis(50));
    }
}

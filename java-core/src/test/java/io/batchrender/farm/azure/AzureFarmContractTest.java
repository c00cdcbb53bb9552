package io.batchrender.farm.azure;

import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.contract.FarmContract;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The farm contract on Azure Batch, as the test double plays it: a pool of one node with two task slots. */
class AzureFarmContractTest extends FarmContract {

    static final String POOL = "render";

    private BatchDouble batch;
    private AzureFarm farm;

    @BeforeEach
    void start() throws IOException {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
        farm = DoubleFarms.on(batch, tmp.resolve("state"), POOL);
        farm.createPool(new PoolSpec(POOL, "standard_d2s_v5", 1, 0, 2, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
    }

    @AfterEach
    void stop() {
        farm.close();
        batch.close();
    }

    @Override
    protected RenderFarm farm() {
        return farm;
    }

    @Override
    protected String poolId() {
        return POOL;
    }
}

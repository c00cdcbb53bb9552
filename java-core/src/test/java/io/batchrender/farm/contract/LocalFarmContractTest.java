package io.batchrender.farm.contract;

import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.local.LocalFarmTestAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The farm contract on this workstation: a real detached agent, SQLite and processes. */
class LocalFarmContractTest extends FarmContract {

    private LocalFarmTestAccess.Running local;

    @BeforeEach
    void start() {
        local = LocalFarmTestAccess.twoSlots(tmp);
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Override
    protected RenderFarm farm() {
        return local.farm();
    }

    @Override
    protected String poolId() {
        return "local";
    }
}

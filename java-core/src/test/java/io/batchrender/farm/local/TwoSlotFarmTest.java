package io.batchrender.farm.local;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh local farm of two slots for each test, its agent and leftover processes stopped after. */
abstract class TwoSlotFarmTest {

    @TempDir
    Path tmp;

    FarmFixture f;

    @BeforeEach
    void startFarm() {
        f = new FarmFixture(tmp);
        f.farm.resize("local", 2);
    }

    @AfterEach
    void stopFarm() {
        f.close();
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.RenderFarm;
import java.nio.file.Path;

/** Lets tests outside this package run a local farm through {@link FarmFixture}. */
public final class LocalFarmTestAccess {

    private LocalFarmTestAccess() {
    }

    /** A running local farm: its fixture stops the agent and leftover processes on close. */
    public record Running(FarmFixture fixture) implements AutoCloseable {
        public RenderFarm farm() {
            return fixture.farm;
        }

        @Override
        public void close() {
            fixture.close();
        }
    }

    /** A fresh local farm of two slots in its own state folder under {@code dir}. */
    public static Running twoSlots(Path dir) {
        FarmFixture f = new FarmFixture(dir);
        f.farm.resize("local", 2);
        return new Running(f);
    }
}

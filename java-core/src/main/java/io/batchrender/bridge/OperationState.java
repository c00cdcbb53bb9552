package io.batchrender.bridge;

import java.util.Locale;

/** Where an operation is: running, or how it ended. */
public enum OperationState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean ended() {
        return this != RUNNING;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

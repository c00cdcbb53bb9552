package io.batchrender.farm;

import java.util.Locale;

/** How a completed task ended, as Azure Batch's {@code executionInfo.result}. */
public enum TaskResult {
    SUCCESS, FAILURE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskResult fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

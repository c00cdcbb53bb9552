package io.batchrender.farm;

import java.util.Locale;

/** A task's state, as Azure Batch names them; a completed task also has a {@link TaskResult}. */
public enum TaskState {
    ACTIVE, RUNNING, COMPLETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

package io.batchrender.farm;

import java.util.Locale;

/** A job's state, as Azure Batch names them. */
public enum JobState {
    ACTIVE, TERMINATING, COMPLETED, DELETING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

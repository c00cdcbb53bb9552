package io.batchrender.farm;

import java.util.Locale;

/**
 * What happens to running tasks when a pool shrinks below them, as Azure Batch's
 * {@code nodeDeallocationOption}: {@code requeue} stops them and puts them back in the queue (the
 * machine is free at once); {@code taskcompletion} lets them finish and starts no new ones.
 */
public enum ShrinkPolicy {
    REQUEUE, TASKCOMPLETION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ShrinkPolicy fromWire(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FarmException("'" + s + "' is not a way to shrink a pool: use requeue or taskcompletion.");
        }
    }
}

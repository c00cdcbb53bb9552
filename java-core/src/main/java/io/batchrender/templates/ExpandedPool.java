package io.batchrender.templates;

import com.google.gson.JsonObject;

/**
 * A pool template with its parameters applied: the body of Batch's "add pool" ({@code id},
 * {@code vmSize}, {@code virtualMachineConfiguration}, {@code targetDedicatedNodes},
 * {@code targetLowPriorityNodes}, {@code startTask}, ...), every expression evaluated.
 */
public record ExpandedPool(JsonObject pool) {

    public ExpandedPool {
        pool = pool.deepCopy();
    }

    public String id() {
        return pool.get("id").getAsString();
    }

    @Override
    public JsonObject pool() {
        return pool.deepCopy();
    }
}

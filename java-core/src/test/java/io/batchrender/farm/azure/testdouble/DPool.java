package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A pool in the double: its wire body, and the simulated nodes behind it. */
final class DPool {
    final JsonObject body;
    final List<DNode> nodes = new ArrayList<>();
    /** When the allocation under way ends (System.nanoTime()). */
    long allocationDone;
    /** What happens to tasks on nodes a shrink removes: requeue, terminate, taskcompletion. */
    String deallocation = "requeue";
    /** The job an auto-pool lives for, or null. */
    String autoPoolJob;
    long deleteRequested;

    DPool(JsonObject body) {
        this.body = body;
    }

    String id() {
        return Wire.str(body, "id", "");
    }

    String state() {
        return Wire.str(body, "state", "active");
    }

    int slotsPerNode() {
        return Math.max(1, Wire.integer(body, "taskSlotsPerNode", 1));
    }
}

package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job in the double: its wire body and its tasks in the order they were added. */
final class DJob {
    final JsonObject body;
    final Map<String, DTask> tasks = new LinkedHashMap<>();
    private final Map<String, DTask> byLowerCaseId = new java.util.HashMap<>();
    String poolId;
    /**
     * The job preparation task's status on each node that ran it, as jobpreparationandreleasetaskstatus lists it
     * (poolId, nodeId, nodeUrl, jobPreparationTaskExecutionInfo), by node id, in the order the nodes first ran it.
     */
    final Map<String, com.google.gson.JsonObject> prepStatus = new LinkedHashMap<>();

    DJob(JsonObject body) {
        this.body = body;
    }

    /** The task whose id equals {@code id} ignoring case (Batch ids are case-insensitive within a job), or null. */
    DTask taskByIdIgnoringCase(String id) {
        return byLowerCaseId.get(id.toLowerCase(java.util.Locale.ROOT));
    }

    void add(DTask t) {
        tasks.put(t.id(), t);
        byLowerCaseId.put(t.id().toLowerCase(java.util.Locale.ROOT), t);
    }

    String id() {
        return Wire.str(body, "id", "");
    }

    String state() {
        return Wire.str(body, "state", "active");
    }
}

package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;

/** A task in the double: its wire body and, while it runs, its process and node. */
final class DTask {
    final JsonObject body;
    final DJob job;
    volatile Process process;
    DNode node;
    /** Why the running attempt is being stopped: null, "requeue", "terminate". */
    volatile String stopReason;
    Integer slots;

    DTask(JsonObject body, DJob job) {
        this.body = body;
        this.job = job;
    }

    String id() {
        return Wire.str(body, "id", "");
    }

    String state() {
        return Wire.str(body, "state", "active");
    }

    JsonObject executionInfo() {
        JsonObject e = Wire.obj(body, "executionInfo");
        if (e == null) {
            e = new JsonObject();
            e.addProperty("retryCount", 0);
            e.addProperty("requeueCount", 0);
            body.add("executionInfo", e);
        }
        return e;
    }
}

package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job in the double: its wire body and its tasks in the order they were added. */
final class DJob {
    final JsonObject body;
    final Map<String, DTask> tasks = new LinkedHashMap<>();
    String poolId;

    DJob(JsonObject body) {
        this.body = body;
    }

    String id() {
        return Wire.str(body, "id", "");
    }

    String state() {
        return Wire.str(body, "state", "active");
    }
}

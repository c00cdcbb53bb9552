package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Task dependencies as the service schedules them: a task with {@code dependsOn} stays active until
 * every task it names ({@code taskIds}) and every task whose id is an integer in one of its
 * {@code taskIdRanges} (inclusive; "9" is in 9..12, "09" is not) has completed successfully. A
 * dependency that failed blocks its dependents (the service's default {@code dependencyAction}
 * "block") unless the failed task's {@code exitConditions} say {@code dependencyAction: satisfy}
 * for its exit code (an {@code exitCodes} or {@code exitCodeRanges} entry, else {@code default}).
 * A named task that does not exist (yet) blocks; ids of a range that do not exist are not waited for.
 */
final class TaskDependencies {

    private TaskDependencies() {
    }

    /** Whether {@code t} may start now (called under the service lock). */
    static boolean satisfied(DJob job, DTask t) {
        JsonObject deps = Wire.obj(t.body, "dependsOn");
        if (deps == null) {
            return true;
        }
        JsonArray ids = deps.getAsJsonArray("taskIds");
        if (ids != null) {
            for (JsonElement id : ids) {
                DTask parent = job.taskByIdIgnoringCase(id.getAsString());
                if (parent == null || !done(parent)) {
                    return false;
                }
            }
        }
        JsonArray ranges = deps.getAsJsonArray("taskIdRanges");
        if (ranges != null) {
            for (JsonElement r : ranges) {
                long start = r.getAsJsonObject().get("start").getAsLong();
                long end = r.getAsJsonObject().get("end").getAsLong();
                for (DTask parent : job.tasks.values()) {
                    Long n = integerId(parent.id());
                    if (n != null && n >= start && n <= end && !done(parent)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static Long integerId(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit) || id.length() > 1 && id.charAt(0) == '0') {
            return null;
        }
        return Long.parseLong(id);
    }

    private static boolean done(DTask parent) {
        if (!parent.state().equals("completed")) {
            return false;
        }
        JsonObject exec = parent.executionInfo();
        if ("success".equals(Wire.str(exec, "result", ""))) {
            return true;
        }
        return "satisfy".equalsIgnoreCase(dependencyAction(Wire.obj(parent.body, "exitConditions"),
                exec.has("exitCode") ? exec.get("exitCode").getAsInt() : null));
    }

    private static String dependencyAction(JsonObject conditions, Integer exitCode) {
        if (conditions == null) {
            return "block";
        }
        if (exitCode != null) {
            JsonArray codes = conditions.getAsJsonArray("exitCodes");
            if (codes != null) {
                for (JsonElement c : codes) {
                    if (c.getAsJsonObject().get("code").getAsInt() == exitCode) {
                        return Wire.str(Wire.obj(c.getAsJsonObject(), "exitOptions"), "dependencyAction", "block");
                    }
                }
            }
            JsonArray ranges = conditions.getAsJsonArray("exitCodeRanges");
            if (ranges != null) {
                for (JsonElement c : ranges) {
                    JsonObject r = c.getAsJsonObject();
                    if (exitCode >= r.get("start").getAsInt() && exitCode <= r.get("end").getAsInt()) {
                        return Wire.str(Wire.obj(r, "exitOptions"), "dependencyAction", "block");
                    }
                }
            }
        }
        return Wire.str(Wire.obj(conditions, "default"), "dependencyAction", "block");
    }
}

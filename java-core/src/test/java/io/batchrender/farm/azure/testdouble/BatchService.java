package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of one Batch account in the double: pools, jobs, tasks, with the service's rules for
 * ids, states and conflicts. Every method runs under the instance lock; the {@link Scheduler}
 * moves pools and tasks along.
 */
final class BatchService {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LITERAL_TARGET = Pattern.compile("\\$TargetDedicated(?:Nodes)?\\s*=\\s*(\\d+)\\s*;?");

    final String baseUrl;
    final Path nodesRoot;
    final Duration allocationTime;
    final Map<String, DPool> pools = new LinkedHashMap<>();
    final Map<String, DJob> jobs = new LinkedHashMap<>();
    private int nodeCounter;

    BatchService(String baseUrl, Path nodesRoot, Duration allocationTime) {
        this.baseUrl = baseUrl;
        this.nodesRoot = nodesRoot;
        this.allocationTime = allocationTime;
    }

    // ---- pools ----

    synchronized DPool createPool(JsonObject spec, String autoPoolJob) {
        String id = Wire.str(spec, "id", "");
        checkId(id, "pool");
        if (pools.containsKey(id)) {
            throw ServiceError.conflict("PoolExists", "The specified pool already exists.");
        }
        if (!spec.has("vmSize")) {
            throw ServiceError.badRequest("MissingRequiredProperty", "A required property was not specified in the request body.");
        }
        JsonObject b = spec.deepCopy();
        String now = Wire.now();
        b.addProperty("url", baseUrl + "/pools/" + id);
        b.addProperty("eTag", Wire.etag());
        b.addProperty("lastModified", now);
        b.addProperty("creationTime", now);
        b.addProperty("state", "active");
        b.addProperty("stateTransitionTime", now);
        b.addProperty("vmSize", Wire.str(spec, "vmSize", "").toLowerCase(Locale.ROOT));
        b.addProperty("resizeTimeout", Wire.str(spec, "resizeTimeout", "PT15M"));
        b.addProperty("currentDedicatedNodes", 0);
        b.addProperty("currentLowPriorityNodes", 0);
        b.addProperty("targetDedicatedNodes", Wire.integer(spec, "targetDedicatedNodes", 0));
        b.addProperty("targetLowPriorityNodes", Wire.integer(spec, "targetLowPriorityNodes", 0));
        b.addProperty("enableAutoScale", spec.has("enableAutoScale") && spec.get("enableAutoScale").getAsBoolean());
        b.addProperty("enableInterNodeCommunication", spec.has("enableInterNodeCommunication")
                && spec.get("enableInterNodeCommunication").getAsBoolean());
        b.addProperty("taskSlotsPerNode", Wire.integer(spec, "taskSlotsPerNode", 1));
        if (!b.has("taskSchedulingPolicy")) {
            JsonObject policy = new JsonObject();
            policy.addProperty("nodeFillType", "Spread");
            b.add("taskSchedulingPolicy", policy);
        }
        DPool pool = new DPool(b);
        pool.autoPoolJob = autoPoolJob;
        if (b.get("enableAutoScale").getAsBoolean()) {
            applyFormula(pool, Wire.str(spec, "autoScaleFormula", ""));
        }
        startAllocation(pool);
        pools.put(id, pool);
        return pool;
    }

    synchronized DPool pool(String id) {
        DPool p = pools.get(id);
        if (p == null) {
            throw ServiceError.notFound("PoolNotFound", "The specified pool does not exist.");
        }
        return p;
    }

    synchronized void deletePool(String id) {
        DPool p = pool(id);
        if (!p.state().equals("deleting")) {
            Wire.transition(p.body, "deleting");
            p.deleteRequested = System.nanoTime();
        }
    }

    synchronized void resizePool(String id, JsonObject params) {
        DPool p = pool(id);
        if (p.state().equals("deleting")) {
            throw ServiceError.conflict("PoolBeingDeleted", "The specified pool has been marked for deletion and is being reclaimed.");
        }
        if (p.body.get("enableAutoScale").getAsBoolean()) {
            throw ServiceError.conflict("OperationInvalidForCurrentState", "The specified operation is not valid for the current state of the resource: the pool has automatic scaling enabled.");
        }
        p.body.addProperty("targetDedicatedNodes", Wire.integer(params, "targetDedicatedNodes", 0));
        p.body.addProperty("targetLowPriorityNodes", Wire.integer(params, "targetLowPriorityNodes", 0));
        p.deallocation = Wire.str(params, "nodeDeallocationOption", "requeue").toLowerCase(Locale.ROOT);
        startAllocation(p);
    }

    synchronized void enableAutoScale(String id, JsonObject params) {
        DPool p = pool(id);
        p.body.addProperty("enableAutoScale", true);
        p.body.addProperty("autoScaleFormula", Wire.str(params, "autoScaleFormula", ""));
        p.body.addProperty("autoScaleEvaluationInterval", Wire.str(params, "autoScaleEvaluationInterval", "PT15M"));
        applyFormula(p, Wire.str(params, "autoScaleFormula", ""));
        startAllocation(p);
    }

    synchronized void disableAutoScale(String id) {
        pool(id).body.addProperty("enableAutoScale", false);
    }

    /**
     * The double evaluates only a literal {@code $TargetDedicatedNodes = N}; any other formula leaves
     * the targets as they are (the real service evaluates the whole language).
     */
    private static void applyFormula(DPool p, String formula) {
        Matcher m = LITERAL_TARGET.matcher(formula.trim());
        if (m.matches()) {
            p.body.addProperty("targetDedicatedNodes", Integer.parseInt(m.group(1)));
        }
    }

    private void startAllocation(DPool p) {
        p.body.addProperty("allocationState", "resizing");
        p.body.addProperty("allocationStateTransitionTime", Wire.now());
        p.allocationDone = System.nanoTime() + allocationTime.toNanos();
    }

    /** Brings the pool's nodes to its targets once the allocation time has passed. */
    void settle(DPool p, long now, Runnable onRemoved) {
        if (!"resizing".equals(Wire.str(p.body, "allocationState", "")) || now < p.allocationDone) {
            return;
        }
        int dedicated = Wire.integer(p.body, "targetDedicatedNodes", 0);
        int low = Wire.integer(p.body, "targetLowPriorityNodes", 0);
        boolean waitForTasks = p.deallocation.equals("taskcompletion") || p.deallocation.equals("retaineddata");
        for (boolean lp : new boolean[] {false, true}) {
            int target = lp ? low : dedicated;
            List<DNode> kind = p.nodes.stream().filter(n -> n.lowPriority == lp).toList();
            for (int i = kind.size(); i < target; i++) {
                String id = "tvmps_" + UUID.randomUUID().toString().replace("-", "") + (lp ? "_p" : "_d");
                p.nodes.add(new DNode(id, nodesRoot.resolve("node" + (++nodeCounter)), lp));
            }
            int extra = kind.size() - target;
            List<DNode> idleFirst = new ArrayList<>(kind);
            idleFirst.sort(java.util.Comparator.comparingInt(n -> n.runningSlots));
            for (int i = 0; i < extra; i++) {
                idleFirst.get(i).removing = true;
            }
        }
        for (DNode n : p.nodes) {
            if (n.removing && n.runningSlots > 0 && !waitForTasks) {
                onRemoved.run(); // the scheduler stops the tasks on nodes that go away
            }
        }
        if (p.nodes.stream().anyMatch(n -> n.removing && n.runningSlots > 0)) {
            return; // taskcompletion: the nodes leave when their tasks are done
        }
        p.nodes.removeIf(n -> n.removing);
        p.body.addProperty("currentDedicatedNodes", (int) p.nodes.stream().filter(n -> !n.lowPriority).count());
        p.body.addProperty("currentLowPriorityNodes", (int) p.nodes.stream().filter(n -> n.lowPriority).count());
        p.body.addProperty("allocationState", "steady");
        p.body.addProperty("allocationStateTransitionTime", Wire.now());
    }

    // ---- jobs ----

    synchronized DJob createJob(JsonObject spec) {
        String id = Wire.str(spec, "id", "");
        checkId(id, "job");
        if (jobs.containsKey(id)) {
            DJob existing = jobs.get(id);
            throw existing.state().equals("deleting")
                    ? ServiceError.conflict("JobBeingDeleted", "The specified job has been marked for deletion and is being garbage collected.")
                    : ServiceError.conflict("JobExists", "The specified job already exists.");
        }
        JsonObject poolInfo = Wire.obj(spec, "poolInfo");
        if (poolInfo == null) {
            throw ServiceError.badRequest("MissingRequiredProperty", "A required property was not specified in the request body.");
        }
        for (String task : List.of("jobPreparationTask", "jobReleaseTask", "jobManagerTask")) {
            if (Wire.obj(spec, task) != null) {
                BatchTasks.checkResourceFiles(Wire.obj(spec, task));
            }
        }
        JsonObject b = spec.deepCopy();
        String now = Wire.now();
        b.addProperty("url", baseUrl + "/jobs/" + id);
        b.addProperty("eTag", Wire.etag());
        b.addProperty("lastModified", now);
        b.addProperty("creationTime", now);
        b.addProperty("state", "active");
        b.addProperty("stateTransitionTime", now);
        b.addProperty("priority", Wire.integer(spec, "priority", 0));
        b.addProperty("maxParallelTasks", Wire.integer(spec, "maxParallelTasks", -1));
        b.addProperty("usesTaskDependencies", spec.has("usesTaskDependencies") && spec.get("usesTaskDependencies").getAsBoolean());
        b.addProperty("allowTaskPreemption", false);
        JsonObject constraints = Wire.obj(spec, "constraints") == null ? new JsonObject() : Wire.obj(spec, "constraints").deepCopy();
        if (!constraints.has("maxWallClockTime")) {
            constraints.addProperty("maxWallClockTime", "P10675199DT2H48M5.4775807S");
        }
        if (!constraints.has("maxTaskRetryCount")) {
            constraints.addProperty("maxTaskRetryCount", 0);
        }
        b.add("constraints", constraints);
        b.addProperty("onAllTasksComplete", Wire.str(spec, "onAllTasksComplete", "noaction").toLowerCase(Locale.ROOT));
        b.addProperty("onTaskFailure", Wire.str(spec, "onTaskFailure", "noaction").toLowerCase(Locale.ROOT));
        DJob job = new DJob(b);
        if (poolInfo.has("poolId")) {
            job.poolId = Wire.str(poolInfo, "poolId", "");
        } else {
            JsonObject auto = Wire.obj(poolInfo, "autoPoolSpecification");
            JsonObject poolSpec = Wire.obj(auto, "pool").deepCopy();
            String poolId = Wire.str(auto, "autoPoolIdPrefix", "") + "_" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            poolSpec.addProperty("id", poolId);
            createPool(poolSpec, id);
            job.poolId = poolId;
        }
        JsonObject exec = new JsonObject();
        exec.addProperty("startTime", now);
        exec.addProperty("poolId", job.poolId);
        b.add("executionInfo", exec);
        jobs.put(id, job);
        return job;
    }

    synchronized DJob job(String id) {
        DJob j = jobs.get(id);
        if (j == null) {
            throw ServiceError.notFound("JobNotFound", "The specified job does not exist.");
        }
        return j;
    }

    synchronized void patchJob(String id, JsonObject patch) {
        DJob j = job(id);
        if (patch.has("onAllTasksComplete")) {
            j.body.addProperty("onAllTasksComplete", Wire.str(patch, "onAllTasksComplete", "").toLowerCase(Locale.ROOT));
        }
        for (String k : new String[] {"priority", "metadata", "constraints", "maxParallelTasks"}) {
            if (patch.has(k)) {
                j.body.add(k, patch.get(k).deepCopy());
            }
        }
        j.body.addProperty("lastModified", Wire.now());
        j.body.addProperty("eTag", Wire.etag());
    }

    synchronized void terminateJob(String id, String reason) {
        DJob j = job(id);
        switch (j.state()) {
            case "completed" -> throw ServiceError.conflict("JobCompleted", "The specified job is already in a completed state.");
            case "deleting" -> throw ServiceError.conflict("JobBeingDeleted", "The specified job has been marked for deletion and is being garbage collected.");
            case "terminating" -> throw ServiceError.conflict("JobBeingTerminated", "The specified job is already being terminated.");
            default -> {
                Wire.transition(j.body, "terminating");
                Wire.obj(j.body, "executionInfo").addProperty("terminateReason", reason == null ? "UserTerminate" : reason);
            }
        }
    }

    synchronized void deleteJob(String id) {
        DJob j = job(id);
        Wire.transition(j.body, "deleting");
    }

    static void checkId(String id, String what) {
        if (!ID.matcher(id).matches()) {
            throw ServiceError.badRequest("InvalidPropertyValue", "The value provided for one of the properties in the"
                    + " request body is invalid (" + what + " id '" + id + "').");
        }
    }
}

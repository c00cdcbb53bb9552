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

    synchronized DPool createPool(JsonObject spec, String autoPoolJob, boolean sharedKey) {
        String id = Wire.str(spec, "id", "");
        checkId(id, "pool");
        checkImageAuthentication(spec, sharedKey);
        checkImageAndAgent(spec);
        checkSlots(spec);
        checkSubnet(spec);
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

    /**
     * "Azure Compute Gallery images [...] you must use Microsoft Entra ID authentication. If you use Shared Key
     * authentication, you get an authentication error": https://learn.microsoft.com/azure/batch/batch-sig-images
     * (Prerequisites). The same holds for an auto-pool's specification. The code and status of that error are not
     * documented; the double answers 403 AuthenticationFailed, as for any request the service will not authenticate.
     */
    private static void checkImageAuthentication(JsonObject poolSpec, boolean sharedKey) {
        JsonObject image = Wire.obj(Wire.obj(poolSpec, "virtualMachineConfiguration"), "imageReference");
        if (sharedKey && image != null && image.has("virtualMachineImageId")) {
            throw new ServiceError(403, "AuthenticationFailed", "Server failed to authenticate the request: a pool with"
                    + " an Azure Compute Gallery image (virtualMachineImageId) needs Microsoft Entra ID authentication,"
                    + " not Shared Key.");
        }
    }

    /**
     * A marketplace image must be one Batch supports, with the node agent built for it ("nodeAgentSKUId [...] must
     * match the image": VirtualMachineConfiguration, https://learn.microsoft.com/rest/api/batchservice/pool/add; the
     * pairs from List Supported Images, {@link SupportedImageList}). The service's code for a mismatch is not
     * documented; the double answers 400 InvalidPropertyValue, as for any property value it will not take.
     */
    private static void checkImageAndAgent(JsonObject poolSpec) {
        JsonObject vm = Wire.obj(poolSpec, "virtualMachineConfiguration");
        JsonObject ref = Wire.obj(vm, "imageReference");
        if (ref == null || ref.has("virtualMachineImageId")) {
            return; // a Compute Gallery image: Batch cannot tell its OS; the pool's owner names the agent
        }
        String agent = SupportedImageList.agentFor(ref);
        String asked = Wire.str(vm, "nodeAgentSKUId", "");
        if (agent == null) {
            throw ServiceError.badRequest("InvalidPropertyValue", "The value provided for one of the properties in the request"
                    + " body is invalid: the image " + ref + " is not one Batch supports.");
        }
        if (!agent.equalsIgnoreCase(asked)) {
            throw ServiceError.badRequest("InvalidPropertyValue", "The value provided for one of the properties in the request"
                    + " body is invalid: nodeAgentSKUId '" + asked + "' does not match the image, which needs '" + agent + "'.");
        }
    }

    /**
     * "The maximum value [of taskSlotsPerNode] is the smaller of 4 times the number of cores of the vmSize of the pool
     * or 256" (https://learn.microsoft.com/rest/api/batchservice/pool/add).
     */
    private static void checkSlots(JsonObject poolSpec) {
        String size = Wire.str(poolSpec, "vmSize", "").toLowerCase(Locale.ROOT);
        Integer cores = SupportedImageList.CORES.get(size);
        if (cores == null) {
            throw ServiceError.badRequest("InvalidPropertyValue", "The double does not know the vCPUs of VM size '" + size
                    + "': add it to SupportedImageList.CORES with its source.");
        }
        int slots = Wire.integer(poolSpec, "taskSlotsPerNode", 1);
        if (slots > Math.min(256, 4 * cores)) {
            throw ServiceError.badRequest("InvalidPropertyValue", "The value provided for one of the properties in the request"
                    + " body is invalid: taskSlotsPerNode " + slots + " is more than 4 times the " + cores + " cores of " + size + ".");
        }
    }

    /**
     * NetworkConfiguration.subnetId: "The ARM resource identifier of the virtual network subnet [...] of the form
     * /subscriptions/{subscription}/resourceGroups/{group}/providers/{provider}/virtualNetworks/{network}/subnets/{subnet}"
     * (https://learn.microsoft.com/rest/api/batchservice/pool/add).
     */
    private static void checkSubnet(JsonObject poolSpec) {
        String subnet = Wire.str(Wire.obj(poolSpec, "networkConfiguration"), "subnetId", null);
        if (subnet != null && !subnet.matches("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/[^/]+/virtualNetworks/[^/]+/subnets/[^/]+")) {
            throw ServiceError.badRequest("InvalidPropertyValue", "The value provided for one of the properties in the request"
                    + " body is invalid: subnetId '" + subnet + "'.");
        }
    }

    synchronized void resizePool(String id, JsonObject params) {
        DPool p = pool(id);
        if (p.state().equals("deleting")) {
            throw ServiceError.conflict("PoolBeingDeleted", "The specified pool has been marked for deletion and is being reclaimed.");
        }
        // "You can only resize a Pool when its allocation state is steady. If the Pool is already resizing, the request
        // fails with status code 409": https://learn.microsoft.com/rest/api/batchservice/pool/resize; the code is
        // PoolBeingResized ("A pool operation was attempted which is not permitted when the pool is in the process of
        // being resized": BatchErrorCodeStrings.PoolBeingResized, Microsoft.Azure.Batch .NET SDK). Stopping counts too:
        // it is a resize that has not ended (AllocationState.Stopping).
        String allocation = Wire.str(p.body, "allocationState", "steady");
        if (!allocation.equals("steady")) {
            throw ServiceError.conflict("PoolBeingResized", "The specified pool is being resized (allocationState "
                    + allocation + "): wait until it is steady, or stop the resize.");
        }
        if (p.body.get("enableAutoScale").getAsBoolean()) {
            throw ServiceError.conflict("OperationInvalidForCurrentState", "The specified operation is not valid for the current state of the resource: the pool has automatic scaling enabled.");
        }
        p.body.addProperty("targetDedicatedNodes", Wire.integer(params, "targetDedicatedNodes", 0));
        p.body.addProperty("targetLowPriorityNodes", Wire.integer(params, "targetLowPriorityNodes", 0));
        p.deallocation = Wire.str(params, "nodeDeallocationOption", "requeue").toLowerCase(Locale.ROOT);
        startAllocation(p);
    }

    /**
     * stopresize: "the Pool's allocation state changes first to stopping and then to steady"; the nodes already
     * added or removed stay so (https://learn.microsoft.com/rest/api/batchservice/pool/stop-resize). The targets
     * become the counts the pool has when the stop ends.
     */
    synchronized void stopResize(String id) {
        DPool p = pool(id);
        if (!"resizing".equals(Wire.str(p.body, "allocationState", ""))) {
            return; // stopping a steady pool changes nothing
        }
        p.body.addProperty("allocationState", "stopping");
        p.body.addProperty("allocationStateTransitionTime", Wire.now());
        p.allocationDone = System.nanoTime() + allocationTime.toNanos() / 2;
    }

    /**
     * removenodes: "This operation can only run when the allocation state of the Pool is steady. When this operation
     * runs, the allocation state changes from steady to resizing." The pool's target counts drop by the nodes removed
     * (https://learn.microsoft.com/rest/api/batchservice/pool/remove-nodes).
     */
    synchronized void removeNodes(String id, JsonObject params) {
        DPool p = pool(id);
        if (!"steady".equals(Wire.str(p.body, "allocationState", "steady"))) {
            throw ServiceError.conflict("PoolBeingResized", "The specified pool is being resized: remove nodes once it is steady.");
        }
        com.google.gson.JsonArray list = params == null ? null : params.getAsJsonArray("nodeList");
        if (list == null || list.isEmpty() || list.size() > 100) {
            throw ServiceError.badRequest("InvalidPropertyValue", "nodeList must name 1 to 100 nodes.");
        }
        for (com.google.gson.JsonElement e : list) {
            DNode n = p.nodes.stream().filter(x -> x.id.equals(e.getAsString())).findFirst()
                    .orElseThrow(() -> ServiceError.notFound("NodeNotFound", "The specified node does not exist."));
            if (!n.removing) {
                n.removing = true;
                String target = n.lowPriority ? "targetLowPriorityNodes" : "targetDedicatedNodes";
                p.body.addProperty(target, Math.max(0, Wire.integer(p.body, target, 0) - 1));
            }
        }
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
        String allocation = Wire.str(p.body, "allocationState", "");
        if (allocation.equals("stopping") && now >= p.allocationDone) {
            p.body.addProperty("targetDedicatedNodes", (int) p.nodes.stream().filter(n -> !n.lowPriority && !n.removing).count());
            p.body.addProperty("targetLowPriorityNodes", (int) p.nodes.stream().filter(n -> n.lowPriority && !n.removing).count());
            p.nodes.forEach(n -> n.removing = false);
            p.body.addProperty("allocationState", "steady");
            p.body.addProperty("allocationStateTransitionTime", Wire.now());
            return;
        }
        if (!"resizing".equals(allocation) || now < p.allocationDone) {
            return;
        }
        int dedicated = Wire.integer(p.body, "targetDedicatedNodes", 0);
        int low = Wire.integer(p.body, "targetLowPriorityNodes", 0);
        boolean waitForTasks = p.deallocation.equals("taskcompletion") || p.deallocation.equals("retaineddata");
        for (boolean lp : new boolean[] {false, true}) {
            int target = lp ? low : dedicated;
            List<DNode> kind = p.nodes.stream().filter(n -> n.lowPriority == lp && !n.removing).toList();
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

    synchronized DJob createJob(JsonObject spec, boolean sharedKey) {
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
            createPool(poolSpec, id, sharedKey);
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

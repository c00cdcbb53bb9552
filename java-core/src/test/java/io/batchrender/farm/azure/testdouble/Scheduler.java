package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves the account along as the service does: pools settle on their targets, active tasks start
 * on free node slots (job preparation first on each node), finished attempts are retried or
 * completed, terminating and deleting jobs stop their tasks, and onAllTasksComplete ends jobs.
 */
final class Scheduler implements AutoCloseable {

    private static final Duration UNLIMITED = Duration.ofDays(100);

    private final BatchService svc;
    private final NodeAgent agent;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "batch-double-scheduler"));
    private final ExecutorService runners = Executors.newCachedThreadPool(r -> daemon(r, "batch-double-node"));
    private final Map<String, Object> prepLocks = new ConcurrentHashMap<>();

    Scheduler(BatchService svc, NodeAgent agent) {
        this.svc = svc;
        this.agent = agent;
        ticker.scheduleWithFixedDelay(this::tickSafely, 20, 20, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            e.printStackTrace(); // a bug in the double; the test that meets it will time out and show this
        }
    }

    void tick() {
        synchronized (svc) {
            long now = System.nanoTime();
            for (Iterator<DPool> it = svc.pools.values().iterator(); it.hasNext(); ) {
                DPool p = it.next();
                if (p.state().equals("deleting")) {
                    tasksOnPool(p).forEach(t -> stop(t, "requeue"));
                    if (tasksOnPool(p).isEmpty()) {
                        it.remove();
                    }
                    continue;
                }
                svc.settle(p, now, () -> tasksOnPool(p).stream().filter(t -> t.node != null && t.node.removing)
                        .forEach(t -> stop(t, p.deallocation.equals("terminate") ? "terminate" : "requeue")));
            }
            for (Iterator<DJob> it = svc.jobs.values().iterator(); it.hasNext(); ) {
                DJob j = it.next();
                switch (j.state()) {
                    case "active" -> {
                        schedule(j);
                        completeIfAllTasksDone(j);
                    }
                    case "terminating" -> {
                        j.tasks.values().stream().filter(t -> busy(t)).forEach(t -> stop(t, "terminate"));
                        if (j.tasks.values().stream().noneMatch(t -> busy(t))) {
                            complete(j);
                        }
                    }
                    case "deleting" -> {
                        j.tasks.values().stream().filter(t -> busy(t)).forEach(t -> stop(t, "terminate"));
                        if (j.tasks.values().stream().noneMatch(t -> busy(t))) {
                            dropAutoPool(j);
                            it.remove();
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    /** On a node: running, or preparing (waiting for the job preparation task there). */
    private static boolean busy(DTask t) {
        return t.state().equals("running") || t.state().equals("preparing");
    }

    private List<DTask> tasksOnPool(DPool p) {
        List<DTask> out = new ArrayList<>();
        for (DJob j : svc.jobs.values()) {
            if (p.id().equals(j.poolId)) {
                j.tasks.values().stream().filter(t -> busy(t)).forEach(out::add);
            }
        }
        return out;
    }

    private void completeIfAllTasksDone(DJob j) {
        if (!"terminatejob".equals(Wire.str(j.body, "onAllTasksComplete", ""))) {
            return;
        }
        // as the service: a job with no tasks counts as having all its tasks complete
        if (j.tasks.values().stream().allMatch(t -> t.state().equals("completed"))) {
            Wire.transition(j.body, "terminating");
            Wire.obj(j.body, "executionInfo").addProperty("terminateReason", "AllTasksComplete");
            complete(j);
        }
    }

    private void complete(DJob j) {
        Wire.transition(j.body, "completed");
        JsonObject exec = Wire.obj(j.body, "executionInfo");
        exec.addProperty("endTime", Wire.now());
        dropAutoPool(j);
    }

    private void dropAutoPool(DJob j) {
        DPool p = svc.pools.get(j.poolId);
        if (p != null && j.id().equals(p.autoPoolJob) && !p.state().equals("deleting")) {
            Wire.transition(p.body, "deleting");
        }
    }

    private void schedule(DJob j) {
        DPool p = svc.pools.get(j.poolId);
        if (p == null || p.state().equals("deleting")) {
            return;
        }
        for (DTask t : j.tasks.values()) {
            if (!t.state().equals("active") || !TaskDependencies.satisfied(j, t)) {
                continue;
            }
            int slots = Math.max(1, Wire.integer(t.body, "requiredSlots", 1));
            DNode free = null;
            for (DNode n : p.nodes) {
                if (n.prepFailed.contains(j.id())) {
                    continue; // the job's preparation failed here: the service never runs its tasks on this node
                }
                if (!n.removing && n.runningSlots + slots <= p.slotsPerNode() && (free == null || n.runningSlots < free.runningSlots)) {
                    free = n;
                }
            }
            if (free == null) {
                return;
            }
            start(j, p, t, free, slots);
        }
    }

    private void start(DJob j, DPool p, DTask t, DNode n, int slots) {
        n.runningSlots += slots;
        t.node = n;
        t.slots = slots;
        t.stopReason = null;
        JsonObject prepSpec = Wire.obj(j.body, "jobPreparationTask");
        // "preparing: The Task has been assigned to a Compute Node, but is waiting for a required Job Preparation Task
        // to complete on the Compute Node. If the Job Preparation Task succeeds, the Task will move to running. If the
        // Job Preparation Task fails, the Task will return to active and will be eligible to be assigned to a different
        // Compute Node." (TaskState, https://learn.microsoft.com/rest/api/batchservice/task/get)
        Wire.transition(t.body, prepSpec != null && !n.prepared.contains(j.id()) ? "preparing" : "running");
        JsonObject exec = t.executionInfo();
        exec.addProperty("startTime", Wire.now());
        exec.remove("endTime");
        exec.remove("exitCode");
        exec.remove("result");
        exec.remove("failureInfo");
        JsonObject nodeInfo = new JsonObject();
        String dir = "workitems/" + j.id() + "/job-1/" + t.id();
        nodeInfo.addProperty("affinityId", "TVM:" + n.id);
        nodeInfo.addProperty("nodeUrl", svc.baseUrl + "/pools/" + p.id() + "/nodes/" + n.id);
        nodeInfo.addProperty("poolId", p.id());
        nodeInfo.addProperty("nodeId", n.id);
        nodeInfo.addProperty("taskRootDirectory", dir);
        nodeInfo.addProperty("taskRootDirectoryUrl", svc.baseUrl + "/pools/" + p.id() + "/nodes/" + n.id + "/files/" + dir);
        t.body.add("nodeInfo", nodeInfo);
        NodeAgent.JobContext ctx = new NodeAgent.JobContext(j.id(), p.id(), n, j.body.getAsJsonArray("commonEnvironmentSettings"));
        JsonObject spec = t.body.deepCopy();
        JsonObject prep = Wire.obj(j.body, "jobPreparationTask");
        Duration limit = wallClock(Wire.obj(t.body, "constraints"));
        runners.execute(() -> {
            NodeAgent.Outcome out;
            try {
                if (prep != null && !prepare(ctx, prep)) {
                    backToActive(t);
                    return;
                }
                synchronized (svc) {
                    if (t.state().equals("preparing")) {
                        Wire.transition(t.body, "running");
                    }
                }
                out = agent.run(ctx, spec, NodeAgent.taskDir(n, j.id(), t.id()), limit, proc -> {
                    t.process = proc;
                    if (t.stopReason != null) {
                        NodeAgent.kill(proc);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out = new NodeAgent.Outcome(null, NodeAgent.failure("TaskEnded", "The node stopped."));
            } catch (RuntimeException e) {
                out = new NodeAgent.Outcome(null, NodeAgent.failure("Unknown", String.valueOf(e)));
            }
            finish(t, out);
        });
    }

    /**
     * Runs the job preparation task once per node, before the job's first task there, retrying it up to its
     * constraints' maxTaskRetryCount; true when it succeeded (now or before). When it fails, "the Batch service
     * [...] will not run Tasks of this Job on the Compute Node" (JobPreparationTask, waitForSuccess,
     * https://learn.microsoft.com/rest/api/batchservice/job/add): the node is marked for the job, and its status,
     * with the exit code and failure info, is what jobpreparationandreleasetaskstatus lists for that node.
     */
    private boolean prepare(NodeAgent.JobContext ctx, JsonObject prep) throws InterruptedException {
        synchronized (prepLocks.computeIfAbsent(ctx.node().id + "/" + ctx.jobId(), k -> new Object())) {
            synchronized (svc) {
                if (ctx.node().prepared.contains(ctx.jobId())) {
                    return true;
                }
                if (ctx.node().prepFailed.contains(ctx.jobId())) {
                    return false;
                }
            }
            Path dir = ctx.node().root.resolve("workitems").resolve(ctx.jobId()).resolve("job-1").resolve("jobpreparation");
            int maxRetries = Wire.integer(Wire.obj(prep, "constraints"), "maxTaskRetryCount", 0);
            JsonObject info = new JsonObject();
            info.addProperty("startTime", Wire.now());
            info.addProperty("state", "running");
            info.addProperty("taskRootDirectory", "workitems/" + ctx.jobId() + "/job-1/jobpreparation");
            info.addProperty("taskRootDirectoryUrl", svc.baseUrl + "/pools/" + ctx.poolId() + "/nodes/" + ctx.node().id
                    + "/files/workitems/" + ctx.jobId() + "/job-1/jobpreparation");
            info.addProperty("retryCount", 0);
            recordPrep(ctx, info);
            NodeAgent.Outcome out;
            for (int attempt = 0; ; attempt++) {
                out = agent.run(ctx, prep, dir, wallClock(Wire.obj(prep, "constraints")), p -> { });
                if (out.success() || (maxRetries != -1 && attempt >= maxRetries)) {
                    break;
                }
                synchronized (svc) {
                    info.addProperty("retryCount", attempt + 1);
                    info.addProperty("lastRetryTime", Wire.now());
                }
            }
            synchronized (svc) {
                info.addProperty("state", "completed");
                info.addProperty("endTime", Wire.now());
                if (out.exitCode() != null) {
                    info.addProperty("exitCode", out.exitCode());
                }
                info.addProperty("result", out.success() ? "success" : "failure");
                if (!out.success()) {
                    info.add("failureInfo", out.failureInfo() != null ? out.failureInfo()
                            : NodeAgent.failure("FailureExitCode", "The task exited with an exit code representing a failure"));
                    ctx.node().prepFailed.add(ctx.jobId());
                    return false;
                }
                ctx.node().prepared.add(ctx.jobId());
                return true;
            }
        }
    }

    private void recordPrep(NodeAgent.JobContext ctx, JsonObject info) {
        synchronized (svc) {
            DJob j = svc.jobs.get(ctx.jobId());
            if (j == null) {
                return;
            }
            JsonObject status = new JsonObject();
            status.addProperty("poolId", ctx.poolId());
            status.addProperty("nodeId", ctx.node().id);
            status.addProperty("nodeUrl", svc.baseUrl + "/pools/" + ctx.poolId() + "/nodes/" + ctx.node().id);
            status.add("jobPreparationTaskExecutionInfo", info);
            j.prepStatus.put(ctx.node().id, status);
        }
    }

    /** The task goes back to active, unassigned, without counting a try: it never ran. */
    private void backToActive(DTask t) {
        synchronized (svc) {
            t.process = null;
            if (t.node != null) {
                t.node.runningSlots -= t.slots == null ? 1 : t.slots;
            }
            t.node = null;
            t.body.remove("nodeInfo");
            t.stopReason = null;
            JsonObject exec = t.executionInfo();
            exec.remove("startTime");
            Wire.transition(t.body, "active");
        }
    }

    private void finish(DTask t, NodeAgent.Outcome out) {
        synchronized (svc) {
            t.process = null;
            if (t.node != null) {
                t.node.runningSlots -= t.slots == null ? 1 : t.slots;
            }
            JsonObject exec = t.executionInfo();
            String stop = t.stopReason;
            t.stopReason = null;
            if ("requeue".equals(stop)) {
                exec.addProperty("requeueCount", exec.get("requeueCount").getAsInt() + 1);
                exec.addProperty("lastRequeueTime", Wire.now());
                Wire.transition(t.body, "active");
                return;
            }
            if (out.exitCode() != null) {
                exec.addProperty("exitCode", out.exitCode());
            }
            JsonObject failure = "terminate".equals(stop)
                    ? NodeAgent.failure("TaskEnded", "The task was terminated.") : out.failureInfo();
            int retries = exec.get("retryCount").getAsInt();
            int max = Wire.integer(Wire.obj(t.body, "constraints"), "maxTaskRetryCount", 0);
            // pre-processing errors (program not found, resource files) are not retried, as on the service
            boolean retryable = failure != null && stop == null && java.util.Set.of("FailureExitCode",
                    "MaxWallClockTimeExceeded").contains(Wire.str(failure, "code", ""));
            if (retryable && (max == -1 || retries < max)) {
                exec.addProperty("retryCount", retries + 1);
                exec.addProperty("lastRetryTime", Wire.now());
                Wire.transition(t.body, "active");
                return;
            }
            exec.addProperty("endTime", Wire.now());
            exec.addProperty("result", failure == null ? "success" : "failure");
            if (failure != null) {
                exec.add("failureInfo", failure);
            }
            Wire.transition(t.body, "completed");
        }
    }

    /** Stops a running attempt; {@code reason} says what becomes of the task (requeue or terminate). */
    private void stop(DTask t, String reason) {
        if (t.stopReason != null) {
            return;
        }
        t.stopReason = reason;
        Process p = t.process;
        if (p != null) {
            runners.execute(() -> NodeAgent.kill(p));
        }
    }

    private static Duration wallClock(JsonObject constraints) {
        String v = Wire.str(constraints, "maxWallClockTime", null);
        if (v == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(v);
            return d.compareTo(UNLIMITED) >= 0 ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (svc) {
            for (DJob j : svc.jobs.values()) {
                j.tasks.values().stream().filter(t -> t.process != null).forEach(t -> NodeAgent.kill(t.process));
            }
        }
        runners.shutdownNow();
    }
}

package io.batchrender.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.TaskInfo;
import java.util.List;

/** The JSON the CLI prints with {@code --json}: field names as Azure Batch spells them where it has them. */
final class JsonViews {

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonViews() {
    }

    static JsonObject job(JobInfo job) {
        JsonObject o = new JsonObject();
        o.addProperty("id", job.id());
        o.addProperty("name", job.name());
        o.addProperty("state", job.state().wire());
        o.addProperty("renderer", job.renderer());
        job.scene().ifPresent(s -> o.addProperty("scene", s.toString()));
        o.addProperty("outputDir", job.outputDir().toString());
        o.addProperty("creationTime", job.created().toString());
        job.ended().ifPresent(e -> o.addProperty("endTime", e.toString()));
        JsonObject counts = new JsonObject();
        counts.addProperty("active", job.counts().active());
        counts.addProperty("running", job.counts().running());
        counts.addProperty("completed", job.counts().completed());
        counts.addProperty("succeeded", job.counts().succeeded());
        counts.addProperty("failed", job.counts().failed());
        o.add("taskCounts", counts);
        return o;
    }

    static JsonObject jobWithTasks(JobInfo job, List<TaskInfo> tasks) {
        JsonObject o = job(job);
        JsonArray arr = new JsonArray();
        tasks.forEach(t -> arr.add(task(t)));
        o.add("tasks", arr);
        return o;
    }

    static JsonObject task(TaskInfo t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id());
        JsonArray frames = new JsonArray();
        t.frames().forEach(frames::add);
        o.add("frames", frames);
        o.addProperty("state", t.state().wire());
        t.result().ifPresent(r -> o.addProperty("result", r.wire()));
        o.add("exitCode", t.exitCode().<JsonElement>map(c -> new com.google.gson.JsonPrimitive(c))
                .orElse(com.google.gson.JsonNull.INSTANCE));
        o.addProperty("attempts", t.attempts());
        o.addProperty("retryCount", t.retryCount());
        o.addProperty("requeueCount", t.requeueCount());
        t.startTime().ifPresent(s -> o.addProperty("startTime", s.toString()));
        t.endTime().ifPresent(e -> o.addProperty("endTime", e.toString()));
        t.failure().ifPresent(f -> {
            JsonObject fo = new JsonObject();
            fo.addProperty("code", f.code());
            fo.addProperty("message", f.message());
            o.add("failureInfo", fo);
        });
        return o;
    }

    static JsonObject pool(PoolInfo p) {
        JsonObject o = new JsonObject();
        o.addProperty("id", p.id());
        o.addProperty("targetSlots", p.targetSlots());
        o.addProperty("runningTasks", p.runningTasks());
        o.addProperty("state", p.state());
        o.addProperty("allocationState", p.allocationState());
        o.addProperty("vmSize", p.vmSize());
        o.addProperty("currentDedicatedNodes", p.currentDedicatedNodes());
        o.addProperty("targetDedicatedNodes", p.targetDedicatedNodes());
        o.addProperty("currentLowPriorityNodes", p.currentSpotNodes());
        o.addProperty("targetLowPriorityNodes", p.targetSpotNodes());
        o.addProperty("taskSlotsPerNode", p.taskSlotsPerNode());
        return o;
    }
}

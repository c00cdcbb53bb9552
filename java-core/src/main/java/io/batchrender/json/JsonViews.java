package io.batchrender.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.TaskInfo;
import io.batchrender.assets.ResolvedAsset;
import io.batchrender.scene.RenderLayer;
import io.batchrender.scene.Resolution;
import io.batchrender.scene.SceneManifest;
import java.nio.file.Path;
import java.util.List;

/** The JSON the CLI prints with {@code --json}: field names as Azure Batch spells them where it has them. */
public final class JsonViews {

    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonViews() {
    }

    public static JsonObject job(JobInfo job) {
        JsonObject o = new JsonObject();
        o.addProperty("id", job.id());
        o.addProperty("name", job.name());
        o.addProperty("state", job.state().wire());
        o.addProperty("renderer", job.renderer());
        job.scene().ifPresent(s -> o.addProperty("scene", s.toString()));
        o.addProperty("outputDir", job.outputDir().toString());
        o.addProperty("creationTime", job.created().toString());
        job.ended().ifPresent(e -> o.addProperty("endTime", e.toString()));
        o.addProperty("pool", job.pool());
        o.add("taskCounts", counts(job.counts()));
        job.blocked().ifPresent(b -> o.addProperty("blocked", b));
        return o;
    }

    public static JsonObject jobWithTasks(JobInfo job, List<TaskInfo> tasks) {
        JsonObject o = job(job);
        JsonArray arr = new JsonArray();
        tasks.forEach(t -> arr.add(task(t)));
        o.add("tasks", arr);
        return o;
    }

    /**
     * A job with one page of its tasks: {@code tasks} the page, {@code taskCounts} the job's counts by state read with
     * it, and {@code page} {number, pageSize, pages, matching, state?} (matching: the tasks the state takes).
     */
    public static JsonObject jobWithTaskPage(JobInfo job, io.batchrender.farm.TaskPage page) {
        JsonObject o = jobWithTasks(job, page.tasks());
        o.add("taskCounts", counts(page.counts()));
        JsonObject p = new JsonObject();
        p.addProperty("number", page.query().page());
        p.addProperty("pageSize", page.query().pageSize());
        p.addProperty("pages", page.pages());
        p.addProperty("matching", page.matching());
        page.query().state().ifPresent(s -> p.addProperty("state", s.wire()));
        o.add("page", p);
        return o;
    }

    private static JsonObject counts(io.batchrender.farm.TaskCounts c) {
        JsonObject counts = new JsonObject();
        counts.addProperty("active", c.active());
        counts.addProperty("running", c.running());
        counts.addProperty("completed", c.completed());
        counts.addProperty("succeeded", c.succeeded());
        counts.addProperty("failed", c.failed());
        return counts;
    }

    public static JsonObject task(TaskInfo t) {
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

    public static JsonObject pool(PoolInfo p) {
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

    /** A scanned scene: settings, layers, plug-ins and every file it needs, found or not. */
    public static JsonObject manifest(SceneManifest m) {
        JsonObject o = m.settings().map(s -> sceneHeader(m.scene(), m.project(), s, m.plugins(), m.rendererHint()))
                .orElseGet(() -> {
                    // the references a host application reported: the scene file itself was not read
                    JsonObject h = new JsonObject();
                    h.addProperty("scene", m.scene().toString());
                    m.project().ifPresent(p -> h.addProperty("project", p.toString()));
                    h.add("plugins", strings(m.plugins()));
                    return h;
                });
        JsonArray assets = new JsonArray();
        m.assets().forEach(sa -> assets.add(sceneAsset(sa)));
        o.add("assets", assets);
        o.add("problems", strings(m.problems()));
        o.addProperty("missing", m.missing());
        return o;
    }

    /** The fields of a manifest that come before its assets: the scene and its render settings. */
    public static JsonObject sceneHeader(Path scene, java.util.Optional<Path> project, io.batchrender.scene.RenderSettings s,
            List<String> plugins, java.util.Optional<String> rendererHint) {
        JsonObject o = new JsonObject();
        o.addProperty("scene", scene.toString());
        project.ifPresent(p -> o.addProperty("project", p.toString()));
        o.addProperty("renderer", s.renderer());
        rendererHint.ifPresent(h -> o.addProperty("rendererHint", h));
        o.addProperty("animation", s.animation());
        o.addProperty("frames", s.frames());
        o.addProperty("outputPrefix", s.outputPrefix());
        o.addProperty("imageFormat", s.imageFormat());
        o.addProperty("padding", s.padding());
        o.add("resolution", resolution(s.resolution()));
        o.add("cameras", strings(s.cameras()));
        JsonArray layers = new JsonArray();
        for (RenderLayer l : s.layers()) {
            JsonObject lo = new JsonObject();
            lo.addProperty("name", l.name());
            lo.addProperty("renderable", l.renderable());
            lo.addProperty("frames", l.frames());
            lo.addProperty("outputPrefix", l.outputPrefix());
            lo.add("resolution", resolution(l.resolution()));
            lo.add("cameras", strings(l.cameras()));
            layers.add(lo);
        }
        o.add("layers", layers);
        JsonArray outputs = new JsonArray();
        for (io.batchrender.scene.ImageOutput out : s.outputs()) {
            JsonObject oo = new JsonObject();
            oo.addProperty("layer", out.layer());
            oo.addProperty("camera", out.camera());
            oo.addProperty("path", out.path());
            outputs.add(oo);
        }
        o.add("outputs", outputs);
        o.add("plugins", strings(plugins));
        return o;
    }

    /**
     * One distinct file of a scan: {@link #asset} ({@code node} is the first node naming it), the scene naming it,
     * {@code nodeCount} and the first {@code nodes}.
     */
    public static JsonObject sceneAsset(SceneManifest.SceneAsset sa) {
        JsonObject ao = asset(sa.asset());
        ao.addProperty("namedIn", sa.namedIn().toString());
        if (sa.unloaded()) {
            ao.addProperty("unloaded", true);
        }
        ao.addProperty("nodeCount", sa.nodeCount());
        ao.add("nodes", strings(sa.nodes()));
        return ao;
    }

    /** One file reference and what was found for it. */
    public static JsonObject asset(ResolvedAsset a) {
        JsonObject ao = new JsonObject();
        ao.addProperty("node", a.ref().node());
        ao.addProperty("nodeType", a.ref().nodeType());
        ao.addProperty("attribute", a.ref().attribute());
        ao.addProperty("path", a.ref().path());
        ao.add("files", strings(a.files().stream().map(Path::toString).toList()));
        ao.addProperty("status", a.status().label());
        a.foundBy().ifPresent(f -> ao.addProperty("foundBy", f));
        a.problem().ifPresent(p -> ao.addProperty("problem", p));
        return ao;
    }

    private static JsonObject resolution(Resolution r) {
        JsonObject o = new JsonObject();
        o.addProperty("width", r.width());
        o.addProperty("height", r.height());
        return o;
    }

    public static JsonArray strings(List<String> values) {
        JsonArray arr = new JsonArray();
        values.forEach(arr::add);
        return arr;
    }
}

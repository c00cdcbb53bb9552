package io.batchrender.farm.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.DependsOn;
import io.batchrender.job.Job;
import io.batchrender.job.JobJson;
import io.batchrender.job.OutputFile;
import io.batchrender.job.ResourceFile;
import io.batchrender.job.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Job} as the bodies of Batch's "add job" and "add task" requests (REST API 2024-07-01.20.0,
 * https://learn.microsoft.com/rest/api/batchservice/job/add and /task/add): the model's fields under
 * their REST names, then the fields it does not carry ({@link io.batchrender.job.BatchFields}) as they
 * were given. A container of the farm's store stays a name here ({@code autoStorageContainerName},
 * and for outputs {@code "destination": {"autoStorage": {"containerName": C, "path": P}}}, which is
 * ours): {@link TemplateFileGroups} turns both into SAS URLs when the job is sent. Pure.
 */
final class BatchBodies {

    private BatchBodies() {
    }

    /** The "add job" body (without {@code poolInfo} unless the job carries one). */
    static JsonObject job(Job job) {
        JsonObject o = new JsonObject();
        o.addProperty("id", job.id());
        o.addProperty("displayName", job.displayName());
        if (job.priority() != 0) {
            o.addProperty("priority", job.priority());
        }
        constraints(job.constraints()).ifPresent(c -> o.add("constraints", c));
        job.preparationTask().ifPresent(p -> o.add("jobPreparationTask", preparation(p)));
        job.releaseTask().ifPresent(r -> o.add("jobReleaseTask", release(r)));
        if (!job.environment().isEmpty()) {
            o.add("commonEnvironmentSettings", nameValues(job.environment()));
        }
        if (!job.metadata().isEmpty()) {
            o.add("metadata", nameValues(job.metadata()));
        }
        merge(o, job.extra().object());
        return o;
    }

    /** The "add task" bodies, in submission order. */
    static List<JsonObject> tasks(Job job) {
        return job.tasks().stream().map(BatchBodies::task).toList();
    }

    static JsonObject task(Task t) {
        JsonObject o = common(t);
        if (!t.displayName().isEmpty()) {
            o.addProperty("displayName", t.displayName());
        }
        if (!t.outputFiles().isEmpty()) {
            JsonArray a = new JsonArray();
            t.outputFiles().forEach(f -> a.add(output(f)));
            o.add("outputFiles", a);
        }
        if (!t.dependsOn().isEmpty()) {
            o.add("dependsOn", dependsOn(t.dependsOn()));
        }
        constraints(t.constraints()).ifPresent(c -> o.add("constraints", c));
        merge(o, t.extra().object());
        return o;
    }

    private static JsonObject preparation(Task t) {
        JsonObject o = common(t);
        constraints(t.constraints()).ifPresent(c -> o.add("constraints", c));
        o.addProperty("waitForSuccess", t.waitForSuccess());
        merge(o, t.extra().object());
        return o;
    }

    private static JsonObject release(Task t) {
        JsonObject o = common(t);
        // the release task has no constraints object, only its wall clock (JobReleaseTask.maxWallClockTime)
        t.constraints().maxWallClockTime().ifPresent(d -> o.addProperty("maxWallClockTime", d.toString()));
        merge(o, t.extra().object());
        return o;
    }

    private static JsonObject common(Task t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id());
        o.addProperty("commandLine", line(t));
        if (!t.resourceFiles().isEmpty()) {
            JsonArray a = new JsonArray();
            t.resourceFiles().forEach(r -> a.add(resource(r)));
            o.add("resourceFiles", a);
        }
        if (!t.environment().isEmpty()) {
            o.add("environmentSettings", nameValues(t.environment()));
        }
        return o;
    }

    private static String line(Task t) {
        if (t.command() instanceof Command.Line l) {
            return l.text();
        }
        throw new IllegalArgumentException("Task " + t.id() + " is a program with arguments for this workstation;"
                + " a job for Azure Batch is compiled for its nodes first (BatchNodeCompiler).");
    }

    private static JsonObject resource(ResourceFile r) {
        JsonObject o = new JsonObject();
        r.autoStorageContainerName().ifPresent(v -> o.addProperty("autoStorageContainerName", v));
        r.storageContainerUrl().ifPresent(v -> o.addProperty("storageContainerUrl", v));
        r.httpUrl().ifPresent(v -> o.addProperty("httpUrl", v));
        r.blobPrefix().ifPresent(v -> o.addProperty("blobPrefix", v));
        r.filePath().ifPresent(v -> o.addProperty("filePath", v));
        r.fileMode().ifPresent(v -> o.addProperty("fileMode", v));
        r.identityResourceId().ifPresent(v -> o.add("identityReference", identityReference(v)));
        return o;
    }

    private static JsonObject identityReference(String resourceId) {
        JsonObject o = new JsonObject();
        o.addProperty("resourceId", resourceId);
        return o;
    }

    private static JsonObject output(OutputFile f) {
        OutputFile.Destination d = f.destination();
        if (d.jobOutputFolder()) {
            throw new IllegalArgumentException("An output file for the job's own output folder (" + f.filePattern()
                    + ") is for this workstation: Batch nodes upload to a container.");
        }
        JsonObject where = new JsonObject();
        d.autoStorageContainerName().ifPresent(c -> where.addProperty("containerName", c));
        d.containerUrl().ifPresent(u -> where.addProperty("containerUrl", u));
        if (!d.path().isEmpty()) {
            where.addProperty("path", d.path());
        }
        d.identityResourceId().ifPresent(v -> where.add("identityReference", identityReference(v)));
        if (!d.uploadHeaders().isEmpty()) {
            where.add("uploadHeaders", JobJson.gson().toJsonTree(d.uploadHeaders())); // [{"name", "value"}], as Batch's
        }
        JsonObject destination = new JsonObject();
        destination.add(d.containerUrl().isPresent() ? "container" : "autoStorage", where);
        JsonObject options = new JsonObject();
        options.addProperty("uploadCondition", f.uploadCondition().wire());
        JsonObject o = new JsonObject();
        o.addProperty("filePattern", f.filePattern());
        o.add("destination", destination);
        o.add("uploadOptions", options);
        return o;
    }

    private static JsonObject dependsOn(DependsOn d) {
        JsonObject o = new JsonObject();
        if (!d.taskIds().isEmpty()) {
            JsonArray ids = new JsonArray();
            d.taskIds().forEach(ids::add);
            o.add("taskIds", ids);
        }
        if (!d.taskIdRanges().isEmpty()) {
            JsonArray ranges = new JsonArray();
            for (DependsOn.IdRange r : d.taskIdRanges()) {
                JsonObject range = new JsonObject();
                range.addProperty("start", r.start());
                range.addProperty("end", r.end());
                ranges.add(range);
            }
            o.add("taskIdRanges", ranges);
        }
        return o;
    }

    private static Optional<JsonObject> constraints(Constraints c) {
        JsonObject o = new JsonObject();
        c.maxWallClockTime().ifPresent(d -> o.addProperty("maxWallClockTime", d.toString()));
        c.maxTaskRetryCount().ifPresent(n -> o.addProperty("maxTaskRetryCount", n));
        return o.size() == 0 ? Optional.empty() : Optional.of(o);
    }

    private static JsonArray nameValues(Map<String, String> values) {
        JsonArray a = new JsonArray();
        values.forEach((k, v) -> {
            JsonObject e = new JsonObject();
            e.addProperty("name", k);
            e.addProperty("value", v);
            a.add(e);
        });
        return a;
    }

    /**
     * The fields the model does not carry, into the body as they were given; an object the body has too
     * ({@code constraints} with a {@code retentionTime}) gets the given fields beside its own.
     */
    private static void merge(JsonObject body, JsonObject extra) {
        for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
            JsonElement mine = body.get(e.getKey());
            if (mine != null && mine.isJsonObject() && e.getValue().isJsonObject()) {
                merge(mine.getAsJsonObject(), e.getValue().getAsJsonObject());
            } else {
                body.add(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}

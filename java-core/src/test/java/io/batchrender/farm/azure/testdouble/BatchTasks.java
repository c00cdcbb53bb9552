package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The tasks of the double's jobs: adding them (one or a collection), reading them, counting them by state. */
final class BatchTasks {

    static final int MAX_TASKS_PER_COLLECTION = 100;

    private final BatchService svc;

    BatchTasks(BatchService svc) {
        this.svc = svc;
    }

    /** addtaskcollection: per-task results; the first {@code serverErrors} tasks answer ServerError. */
    JsonObject addTasks(String jobId, JsonArray tasks, int serverErrors) {
        synchronized (svc) {
            return addTasksLocked(jobId, tasks, serverErrors);
        }
    }

    DTask addTask(String jobId, JsonObject spec) {
        synchronized (svc) {
            return addTaskLocked(jobId, spec);
        }
    }

    DTask task(String jobId, String taskId) {
        synchronized (svc) {
            return taskLocked(jobId, taskId);
        }
    }

    /** The job's tasks counted by state, as the taskcounts answer. */
    JsonObject taskCounts(String jobId) {
        synchronized (svc) {
            return countsLocked(jobId);
        }
    }

    private JsonObject countsLocked(String jobId) {
        DJob j = svc.job(jobId);
        int active = 0;
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        for (DTask t : j.tasks.values()) {
            switch (t.state()) {
                case "completed" -> {
                    if ("success".equals(Wire.str(t.executionInfo(), "result", ""))) {
                        succeeded++;
                    } else {
                        failed++;
                    }
                }
                case "running", "preparing" -> running++;
                default -> active++;
            }
        }
        JsonObject counts = new JsonObject();
        counts.addProperty("active", active);
        counts.addProperty("running", running);
        counts.addProperty("completed", succeeded + failed);
        counts.addProperty("succeeded", succeeded);
        counts.addProperty("failed", failed);
        JsonObject o = new JsonObject();
        o.addProperty("odata.metadata", svc.baseUrl + "/$metadata#taskcountsresult/@Element");
        o.add("taskCounts", counts);
        o.add("taskSlotCounts", counts.deepCopy());
        return o;
    }

    private JsonObject addTasksLocked(String jobId, JsonArray tasks, int serverErrors) {
        DJob j = svc.job(jobId);
        checkJobTakesTasks(j);
        if (tasks.size() > MAX_TASKS_PER_COLLECTION) {
            throw new ServiceError(400, "InvalidRequestBody", "The number of tasks in the collection (" + tasks.size()
                    + ") exceeds the maximum of " + MAX_TASKS_PER_COLLECTION + ".");
        }
        JsonArray results = new JsonArray();
        int i = 0;
        for (JsonElement e : tasks) {
            JsonObject spec = e.getAsJsonObject();
            JsonObject r = new JsonObject();
            String id = Wire.str(spec, "id", "");
            if (i++ < serverErrors) {
                r.addProperty("status", "ServerError");
                r.addProperty("taskId", id);
                r.add("error", errorObject("ServerBusy", "The server is currently unable to receive requests. Please retry your request."));
            } else {
                try {
                    DTask t = insertTask(j, spec);
                    r.addProperty("status", "Success");
                    r.addProperty("taskId", id);
                    r.addProperty("eTag", Wire.str(t.body, "eTag", ""));
                    r.addProperty("lastModified", Wire.str(t.body, "lastModified", ""));
                    r.addProperty("location", Wire.str(t.body, "url", ""));
                } catch (ServiceError se) {
                    r.addProperty("status", "ClientError");
                    r.addProperty("taskId", id);
                    r.add("error", errorObject(se.code, se.getMessage()));
                }
            }
            results.add(r);
        }
        JsonObject o = new JsonObject();
        o.addProperty("odata.metadata", svc.baseUrl + "/$metadata#taskaddresult");
        o.add("value", results);
        return o;
    }

    private DTask addTaskLocked(String jobId, JsonObject spec) {
        DJob j = svc.job(jobId);
        checkJobTakesTasks(j);
        return insertTask(j, spec);
    }

    private static void checkJobTakesTasks(DJob j) {
        switch (j.state()) {
            case "completed" -> throw ServiceError.conflict("JobCompleted", "The specified job is already in a completed state.");
            case "terminating" -> throw ServiceError.conflict("JobBeingTerminated", "The specified job is being terminated.");
            case "deleting" -> throw ServiceError.conflict("JobBeingDeleted", "The specified job has been marked for deletion and is being garbage collected.");
            default -> { }
        }
    }

    /**
     * The resource files of a task body (a task, or a job's preparation, release or manager task).
     * The REST reference's ResourceFile
     * (https://learn.microsoft.com/rest/api/batchservice/task/add#resourcefile): autoStorageContainerName,
     * storageContainerUrl and httpUrl "are mutually exclusive and one of them must be specified";
     * filePath: "If the httpUrl property is specified, the filePath is required".
     */
    static void checkResourceFiles(JsonObject spec) {
        if (!spec.has("resourceFiles")) {
            return;
        }
        for (JsonElement e : spec.getAsJsonArray("resourceFiles")) {
            JsonObject rf = e.getAsJsonObject();
            long sources = java.util.stream.Stream.of("autoStorageContainerName", "storageContainerUrl", "httpUrl")
                    .filter(rf::has).count();
            if (sources != 1) {
                throw ServiceError.badRequest("InvalidPropertyValue", "The value provided for one of the properties in the"
                        + " request body is invalid: a resource file needs exactly one of autoStorageContainerName,"
                        + " storageContainerUrl and httpUrl.");
            }
            if (rf.has("httpUrl") && !rf.has("filePath")) {
                throw ServiceError.badRequest("MissingRequiredProperty", "A required property was not specified in the"
                        + " request body: filePath (required with httpUrl).");
            }
        }
    }

    private DTask insertTask(DJob j, JsonObject spec) {
        String id = Wire.str(spec, "id", "");
        BatchService.checkId(id, "task");
        checkNotReserved(id, j);
        // "The ID is case-preserving and case-insensitive (that is, you may not have two IDs within a Job that
        // differ only by case)": TaskAddParameter.id, https://learn.microsoft.com/rest/api/batchservice/task/add
        if (j.taskByIdIgnoringCase(id) != null) {
            throw ServiceError.conflict("TaskExists", "The specified task already exists.");
        }
        if (!spec.has("commandLine")) {
            throw ServiceError.badRequest("MissingRequiredProperty", "A required property was not specified in the request body.");
        }
        checkResourceFiles(spec);
        if (spec.has("dependsOn") && !j.body.get("usesTaskDependencies").getAsBoolean()) {
            throw ServiceError.conflict("TaskDependenciesNotSpecifiedOnJob", "The specified task has dependencies, but the job"
                    + " does not specify that it uses task dependencies.");
        }
        JsonObject b = spec.deepCopy();
        String now = Wire.now();
        b.addProperty("url", svc.baseUrl + "/jobs/" + j.id() + "/tasks/" + id);
        b.addProperty("eTag", Wire.etag());
        b.addProperty("creationTime", now);
        b.addProperty("lastModified", now);
        b.addProperty("state", "active");
        b.addProperty("stateTransitionTime", now);
        JsonObject c = Wire.obj(spec, "constraints") == null ? new JsonObject() : Wire.obj(spec, "constraints").deepCopy();
        if (!c.has("maxWallClockTime")) {
            c.addProperty("maxWallClockTime", "P10675199DT2H48M5.4775807S");
        }
        if (!c.has("retentionTime")) {
            c.addProperty("retentionTime", "P7D");
        }
        if (!c.has("maxTaskRetryCount")) {
            c.addProperty("maxTaskRetryCount", Wire.integer(Wire.obj(j.body, "constraints"), "maxTaskRetryCount", 0));
        }
        b.add("constraints", c);
        b.addProperty("requiredSlots", Wire.integer(spec, "requiredSlots", 1));
        DTask t = new DTask(b, j);
        t.executionInfo();
        j.add(t);
        return t;
    }

    /**
     * The job preparation and release tasks' ids: "No other Task in the Job can have the same ID as the Job
     * Preparation Task. If you try to submit a Task with the same id, the Batch service rejects the request with error
     * code TaskIdSameAsJobPreparationTask; [...] 409 (Conflict)" (JobPreparationTask.id; likewise JobReleaseTask.id
     * and TaskIdSameAsJobReleaseTask), https://learn.microsoft.com/rest/api/batchservice/job/add. Their default ids
     * are jobpreparation and jobrelease; the double refuses them whether or not the job has those tasks (strict), and
     * the ids the job gave its own preparation and release tasks too.
     */
    private static void checkNotReserved(String id, DJob j) {
        String prep = Wire.str(Wire.obj(j.body, "jobPreparationTask"), "id", "jobpreparation");
        String release = Wire.str(Wire.obj(j.body, "jobReleaseTask"), "id", "jobrelease");
        if (id.equalsIgnoreCase("jobpreparation") || id.equalsIgnoreCase(prep)) {
            throw ServiceError.conflict("TaskIdSameAsJobPreparationTask", "The specified task has the same id as the job preparation task.");
        }
        if (id.equalsIgnoreCase("jobrelease") || id.equalsIgnoreCase(release)) {
            throw ServiceError.conflict("TaskIdSameAsJobReleaseTask", "The specified task has the same id as the job release task.");
        }
    }

    private DTask taskLocked(String jobId, String taskId) {
        DTask t = svc.job(jobId).taskByIdIgnoringCase(taskId);
        if (t == null) {
            throw ServiceError.notFound("TaskNotFound", "The specified task does not exist.");
        }
        return t;
    }

    private static JsonObject errorObject(String code, String message) {
        JsonObject err = new JsonObject();
        err.addProperty("code", code);
        JsonObject m = new JsonObject();
        m.addProperty("lang", "en-US");
        m.addProperty("value", message);
        err.add("message", m);
        return err;
    }

}

package io.batchrender.farm.local;

import static io.batchrender.farm.local.TemplateTaskReader.object;
import static io.batchrender.farm.local.TemplateTaskReader.refuse;
import static io.batchrender.farm.local.TemplateTaskReader.string;

import com.google.gson.JsonObject;
import io.batchrender.farm.FarmException;
import io.batchrender.templates.ExpandedJob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@link ExpandedJob} (Batch REST "add job" + "add task" bodies) into what the local farm
 * stores: checks every task (command line, unique ids, known dependencies without cycles, resource
 * paths inside the working folder) and says which Azure-only properties it leaves aside.
 */
final class TemplateJobReader {

    private final Map<String, String> submitterEnv;

    /** @param submitterEnv the environment the tasks inherit, for the "program not found" warnings */
    TemplateJobReader(Map<String, String> submitterEnv) {
        this.submitterEnv = Map.copyOf(submitterEnv);
    }

    TemplatePlan read(ExpandedJob expanded) {
        try {
            return readChecked(expanded.job(), expanded.tasks());
        } catch (FarmException e) {
            throw e;
        } catch (RuntimeException e) {
            // a field of the wrong JSON type (Gson's IllegalStateException, NumberFormatException, ...)
            throw new FarmException("The job is malformed (" + e.getMessage() + "): check the template's field types.", e);
        }
    }

    private TemplatePlan readChecked(JsonObject job, List<JsonObject> taskBodies) {
        IgnoredProperties ignored = new IgnoredProperties();
        Optional<String> requestedId = string(job, "id").filter(id -> TemplateTaskReader.BATCH_ID.matcher(id).matches());
        string(job, "id").filter(id -> requestedId.isEmpty()).ifPresent(id -> ignored.note(
                "job id '" + id + "' is not a valid Batch id (letters, digits, - and _, up to 64): a new id was made"));
        String name = string(job, "displayName").or(() -> string(job, "id")).orElse("template job");
        int priority = job.has("priority") ? job.get("priority").getAsInt() : 0;
        if (priority < -1000 || priority > 1000) {
            throw refuse("The job's priority " + priority + " is outside -1000 to 1000.");
        }
        JsonObject constraints = object(job, "constraints");
        int jobRetries = TemplateTaskReader.retries(constraints, "The job").orElse(0);
        long deadlineMs = TemplateTaskReader.wallClockMs(constraints, "The job");
        Map<String, String> common = TemplateTaskReader.environment(job, "commonEnvironmentSettings", "The job");
        ignored.jobProperties(job);

        List<TemplatePlan.PlannedTask> planned = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonObject t : taskBodies) {
            String id = string(t, "id").orElseThrow(() -> refuse("A task has no id: give every task a unique id."));
            if (!TemplateTaskReader.BATCH_ID.matcher(id).matches()) {
                throw refuse("Task id '" + id + "' is not a valid Batch id (letters, digits, - and _, up to 64).");
            }
            if (!ids.add(id.toLowerCase(java.util.Locale.ROOT))) {
                throw refuse("Two tasks have the id '" + id + "': task ids must be unique (Batch ignores case).");
            }
        }
        Set<String> exact = new HashSet<>();
        taskBodies.forEach(t -> exact.add(t.get("id").getAsString()));

        JsonObject prep = object(job, "jobPreparationTask");
        boolean hasPrep = prep.size() > 0;
        boolean waitForPrep = hasPrep && (!prep.has("waitForSuccess") || prep.get("waitForSuccess").getAsBoolean());
        String prepId = string(prep, "id").orElse("jobpreparation");
        if (hasPrep) {
            planned.add(special(prep, prepId, TemplateTask.Role.PREPARATION, common, exact, ignored, 0));
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (JsonObject t : taskBodies) {
            String id = t.get("id").getAsString();
            String what = "Task " + id;
            JsonObject tc = object(t, "constraints");
            Map<String, String> env = new LinkedHashMap<>(common);
            env.putAll(TemplateTaskReader.environment(t, "environmentSettings", what));
            List<String> dependsOn = TemplateTaskReader.dependsOn(t, id, exact);
            deps.put(id, dependsOn);
            ignored.taskProperties(id, t);
            planned.add(new TemplatePlan.PlannedTask(id, new TemplateTask(TemplateTask.Role.TASK,
                    TemplateTaskReader.commandLine(t, what), env, TemplateTaskReader.resourceFiles(t, what),
                    TemplateTaskReader.outputFiles(t, what), dependsOn,
                    TemplateTaskReader.retries(tc, what).orElse(jobRetries), TemplateTaskReader.wallClockMs(tc, what),
                    waitForPrep)));
        }
        DependencyCycles.find(deps).ifPresent(cycle -> {
            throw refuse("Tasks depend on each other in a circle (" + String.join(" -> ", cycle)
                    + "): none of them could ever start.");
        });
        JsonObject release = object(job, "jobReleaseTask");
        if (release.size() > 0) {
            // Batch gives the release task 15 minutes unless told otherwise
            long limit = release.has("maxWallClockTime") ? TemplateTaskReader.wallClockMs(release, "The job release task")
                    : java.time.Duration.ofMinutes(15).toMillis();
            planned.add(special(release, string(release, "id").orElse("jobrelease"), TemplateTask.Role.RELEASE, common,
                    exact, ignored, limit));
        }
        new ProgramCheck(submitterEnv).warn(planned, common, ignored);
        return new TemplatePlan(requestedId, name, priority, deadlineMs, planned, ignored.lines());
    }

    private static TemplatePlan.PlannedTask special(JsonObject body, String id, TemplateTask.Role role,
                                                    Map<String, String> common, Set<String> taskIds,
                                                    IgnoredProperties ignored, long releaseLimitMs) {
        String what = role == TemplateTask.Role.PREPARATION ? "The job preparation task" : "The job release task";
        if (!TemplateTaskReader.BATCH_ID.matcher(id).matches()) {
            throw refuse(what + "'s id '" + id + "' is not a valid Batch id.");
        }
        if (taskIds.contains(id)) {
            throw refuse(what + "'s id '" + id + "' is also a task's id: give one of them another id.");
        }
        Map<String, String> env = new LinkedHashMap<>(common);
        env.putAll(TemplateTaskReader.environment(body, "environmentSettings", what));
        ignored.taskProperties(id, body);
        boolean prep = role == TemplateTask.Role.PREPARATION;
        JsonObject constraints = object(body, "constraints");
        int retries = prep ? TemplateTaskReader.retries(constraints, what).orElse(0) : 0;
        long timeout = prep ? TemplateTaskReader.wallClockMs(constraints, what) : releaseLimitMs;
        return new TemplatePlan.PlannedTask(id, new TemplateTask(role, TemplateTaskReader.commandLine(body, what), env,
                TemplateTaskReader.resourceFiles(body, what), List.of(), List.of(), retries, timeout, false));
    }
}

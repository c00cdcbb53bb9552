package io.batchrender.compile;

import static io.batchrender.compile.TemplateTaskBodies.object;
import static io.batchrender.compile.TemplateTaskBodies.refuse;
import static io.batchrender.compile.TemplateTaskBodies.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.render.RenderSetupException;
import io.batchrender.job.BatchFields;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.DependsOn;
import io.batchrender.job.Job;
import io.batchrender.job.Origin;
import io.batchrender.job.Task;
import io.batchrender.templates.ExpandedJob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@link ExpandedJob} (the Batch REST "add job" and "add task" bodies a template expands to)
 * into the {@link Job} every farm takes. Refused with one line, before any farm sees it: a task
 * without a command line, an id Batch would refuse or merge, a dependency on a task not in the job
 * or in a circle, a resource path leaving the working folder, a bad duration, retry count, file mode
 * or upload condition. Ranges of task ids stay ranges. Batch fields the model does not carry
 * ({@code poolInfo}, {@code jobManagerTask}, a task's {@code userIdentity} or {@code exitConditions}...)
 * go to the job's or task's {@link BatchFields}: Azure sends them as written, the local farm names
 * them as left aside. Command lines stay as the template writes them: each farm wraps them in its
 * pool's shell when it submits.
 */
public final class TemplateCompiler {

    /** Job fields the model carries. */
    private static final Set<String> JOB_READ = Set.of("id", "displayName", "priority", "constraints",
            "jobPreparationTask", "jobReleaseTask", "commonEnvironmentSettings", "metadata");
    /** Task fields the model carries. */
    private static final Set<String> TASK_READ = Set.of("id", "displayName", "commandLine", "resourceFiles",
            "outputFiles", "environmentSettings", "constraints", "dependsOn");
    private static final Set<String> PREP_READ = Set.of("id", "commandLine", "resourceFiles", "environmentSettings",
            "constraints", "waitForSuccess");

    private TemplateCompiler() {
    }

    /**
     * @throws RenderSetupException with one line saying what to fix in the template (the submission's
     *                              bad-input error, as the scene compiler's; not a farm's error: no farm saw it)
     */
    public static Job compile(ExpandedJob expanded) {
        try {
            return compile(expanded.job(), expanded.tasks());
        } catch (RenderSetupException e) {
            throw e;
        } catch (RuntimeException e) {
            // a field of the wrong JSON type (Gson's IllegalStateException, NumberFormatException, ...)
            throw new RenderSetupException("The job is malformed (" + e.getMessage() + "): check the template's field types.");
        }
    }

    private static Job compile(JsonObject job, List<JsonObject> taskBodies) {
        List<String> notes = new ArrayList<>();
        String id = string(job, "id").filter(i -> TemplateTaskBodies.BATCH_ID.matcher(i).matches()).orElse("");
        string(job, "id").filter(i -> id.isEmpty()).ifPresent(i -> notes.add(
                "job id '" + i + "' is not a valid Batch id (letters, digits, - and _, up to 64): a new id was made"));
        String name = string(job, "displayName").or(() -> string(job, "id")).orElse("template job");
        int priority = job.has("priority") ? job.get("priority").getAsInt() : 0;
        if (priority < -1000 || priority > 1000) {
            throw refuse("The job's priority " + priority + " is outside -1000 to 1000.");
        }
        Constraints constraints = TemplateTaskBodies.constraints(job, "The job");
        Map<String, String> common = TemplateTaskBodies.environment(job, "commonEnvironmentSettings", "The job");

        Set<String> lower = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (JsonObject t : taskBodies) {
            String tid = string(t, "id").orElseThrow(() -> refuse("A task has no id: give every task a unique id."));
            if (!TemplateTaskBodies.BATCH_ID.matcher(tid).matches()) {
                throw refuse("Task id '" + tid + "' is not a valid Batch id (letters, digits, - and _, up to 64).");
            }
            if (!lower.add(tid.toLowerCase(Locale.ROOT))) {
                throw refuse("Two tasks have the id '" + tid + "': task ids must be unique (Batch ignores case).");
            }
            known.add(tid);
        }
        Optional<Task> prep = special(object(job, "jobPreparationTask"), Job.DEFAULT_PREPARATION_ID,
                "The job preparation task", lower);
        Optional<Task> release = special(object(job, "jobReleaseTask"), Job.DEFAULT_RELEASE_ID, "The job release task", lower);

        List<Task> tasks = new ArrayList<>(taskBodies.size());
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (JsonObject t : taskBodies) {
            String tid = t.get("id").getAsString();
            String what = "Task " + tid;
            DependsOn dependsOn = TemplateTaskBodies.dependsOn(t, tid, known);
            deps.put(tid, dependsOn.expanded());
            tasks.add(new Task(tid, string(t, "displayName").orElse(""),
                    new Command.Line(TemplateTaskBodies.commandLine(t, what)),
                    TemplateTaskBodies.environment(t, "environmentSettings", what),
                    TemplateTaskBodies.resourceFiles(t, what), TemplateTaskBodies.outputFiles(t, what), dependsOn,
                    TemplateTaskBodies.constraints(t, what), List.of(), 0, true,
                    BatchFields.of(TemplateTaskBodies.unread(t, TASK_READ))));
        }
        DependencyCycles.find(deps).ifPresent(cycle -> {
            throw refuse("Tasks depend on each other in a circle (" + String.join(" -> ", cycle)
                    + "): none of them could ever start.");
        });
        JsonObject extra = TemplateTaskBodies.unread(job, JOB_READ);
        extra.remove("taskFactory"); // already expanded into the tasks
        Map<String, String> metadata = new LinkedHashMap<>();
        for (JsonElement m : TemplateTaskBodies.array(job, "metadata")) {
            JsonObject o = m.getAsJsonObject();
            metadata.put(string(o, "name").orElse(""), string(o, "value").orElse(""));
        }
        try {
            return new Job(id, name, new Origin(Origin.Kind.TEMPLATE, "template", Optional.empty()), priority, constraints,
                    prep, release, common, tasks, Optional.empty(), metadata, notes, BatchFields.of(extra));
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
    }

    /** The job preparation or release task, when the job has one. */
    private static Optional<Task> special(JsonObject body, String defaultId, String what, Set<String> taskIds) {
        if (body.size() == 0) {
            return Optional.empty();
        }
        String id = string(body, "id").orElse(defaultId);
        if (!TemplateTaskBodies.BATCH_ID.matcher(id).matches()) {
            throw refuse(what + "'s id '" + id + "' is not a valid Batch id.");
        }
        if (taskIds.contains(id.toLowerCase(Locale.ROOT))) {
            throw refuse(what + "'s id '" + id + "' is also a task's id: give one of them another id.");
        }
        boolean wait = !body.has("waitForSuccess") || body.get("waitForSuccess").getAsBoolean();
        return Optional.of(new Task(id, "", new Command.Line(TemplateTaskBodies.commandLine(body, what)),
                TemplateTaskBodies.environment(body, "environmentSettings", what),
                TemplateTaskBodies.resourceFiles(body, what), List.of(), DependsOn.NONE,
                TemplateTaskBodies.constraints(body, what), List.of(), 0, wait,
                BatchFields.of(TemplateTaskBodies.unread(body, PREP_READ))));
    }
}

package io.batchrender.farm.local;

import static io.batchrender.farm.local.TemplateTaskReader.object;
import static io.batchrender.farm.local.TemplateTaskReader.string;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects, for a template job run on the local farm, one human line per Azure-only property left
 * aside (a pool's VM size, a task's elevation, its container...) and per warning, naming the tasks
 * it concerns.
 */
final class IgnoredProperties {

    /** Job fields the local farm reads or that change nothing here. */
    private static final Set<String> JOB_READ = Set.of("id", "displayName", "priority", "constraints",
            "jobPreparationTask", "jobReleaseTask", "commonEnvironmentSettings", "metadata", "usesTaskDependencies",
            "onAllTasksComplete", "poolInfo", "taskFactory");
    /** Task fields the local farm reads. */
    private static final Set<String> TASK_READ = Set.of("id", "displayName", "commandLine", "resourceFiles",
            "outputFiles", "environmentSettings", "constraints", "dependsOn", "waitForSuccess");
    private static final Map<String, String> TASK_WHY = Map.of(
            "userIdentity", "tasks run as your own user account",
            "containerSettings", "tasks run directly on this workstation, not in a container",
            "applicationPackageReferences", "application packages are not installed here: the programs must be on this workstation",
            "requiredSlots", "every task takes one of the local pool's slots",
            "multiInstanceSettings", "multi-instance (MPI) tasks run as one process here",
            "affinityInfo", "there is one node",
            "exitConditions", "a non-zero exit code fails the attempt; retries follow maxTaskRetryCount",
            "authenticationTokenSettings", "no Batch service to call back",
            "rerunOnNodeRebootAfterSuccess", "the workstation's job preparation runs once per job");

    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> perProperty = new LinkedHashMap<>();

    void note(String line) {
        notes.add(line);
    }

    void jobProperties(JsonObject job) {
        JsonObject pool = object(job, "poolInfo");
        if (pool.has("poolId")) {
            note("poolInfo.poolId '" + pool.get("poolId").getAsString() + "': tasks run in this workstation's pool 'local'");
        }
        JsonObject auto = object(pool, "autoPoolSpecification");
        if (auto.size() > 0) {
            JsonObject spec = object(auto, "pool");
            note("poolInfo.autoPoolSpecification" + string(spec, "vmSize").map(v -> " (vmSize " + v + ")").orElse("")
                    + ": tasks run in this workstation's pool 'local', with its image, start task and nodes left aside");
        }
        String onAll = string(job, "onAllTasksComplete").orElse("noaction").toLowerCase(Locale.ROOT);
        if (!onAll.equals("terminatejob")) {
            note("onAllTasksComplete " + onAll + ": the local farm completes a job when all its tasks are done");
        }
        String onFailure = string(job, "onTaskFailure").orElse("noaction").toLowerCase(Locale.ROOT);
        if (!onFailure.equals("noaction")) {
            note("onTaskFailure " + onFailure + ": a failed task does not end the job here");
        }
        for (String key : job.keySet()) {
            if (!JOB_READ.contains(key) && !key.equals("onTaskFailure")) {
                note(key + ": " + (key.equals("jobManagerTask") ? "the job manager task is not run on the local farm"
                        : "not used on the local farm"));
            }
        }
    }

    void taskProperties(String taskId, JsonObject task) {
        for (String key : task.keySet()) {
            if (TASK_READ.contains(key)) {
                continue;
            }
            String what = key;
            if (key.equals("userIdentity")) {
                JsonObject auto = object(object(task, "userIdentity"), "autoUser");
                what = key + string(auto, "elevationLevel").map(e -> " (elevationLevel " + e + ")").orElse("");
            } else if (key.equals("containerSettings")) {
                what = key + string(object(task, key), "imageName").map(i -> " (image " + i + ")").orElse("");
            }
            String why = TASK_WHY.getOrDefault(key, "not used on the local farm");
            perProperty.computeIfAbsent(what + ": " + why, k -> new ArrayList<>()).add(taskId);
        }
        if (object(task, "constraints").has("retentionTime")) {
            perProperty.computeIfAbsent("constraints.retentionTime: task folders stay until the job is deleted",
                    k -> new ArrayList<>()).add(taskId);
        }
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>(notes);
        perProperty.forEach((line, ids) -> {
            int colon = line.indexOf(": ");
            lines.add(line.substring(0, colon) + " on " + (ids.size() == 1 ? "task " : "tasks ") + names(ids)
                    + line.substring(colon));
        });
        return lines;
    }

    private static String names(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 4)) + " and " + (ids.size() - 4) + " more";
    }
}

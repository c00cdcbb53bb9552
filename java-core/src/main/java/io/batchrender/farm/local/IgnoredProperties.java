package io.batchrender.farm.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.job.Job;
import io.batchrender.job.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One human line per Azure-only property of a job (its {@code BatchFields}) that the local farm
 * leaves aside (a pool's VM size, a task's elevation, its container...), naming the tasks it concerns.
 */
final class IgnoredProperties {

    /** Job fields that change nothing here. */
    private static final Set<String> JOB_SILENT = Set.of("usesTaskDependencies", "poolInfo", "onAllTasksComplete",
            "onTaskFailure");
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

    private IgnoredProperties() {
    }

    static List<String> notes(Job job) {
        List<String> lines = new ArrayList<>();
        JsonObject extra = job.extra().object();
        JsonObject pool = object(extra, "poolInfo");
        if (pool.has("poolId")) {
            lines.add("poolInfo.poolId '" + pool.get("poolId").getAsString() + "': tasks run in this workstation's pool 'local'");
        }
        JsonObject auto = object(pool, "autoPoolSpecification");
        if (auto.size() > 0) {
            Optional<String> vm = text(object(auto, "pool"), "vmSize");
            lines.add("poolInfo.autoPoolSpecification" + vm.map(v -> " (vmSize " + v + ")").orElse("")
                    + ": tasks run in this workstation's pool 'local', with its image, start task and nodes left aside");
        }
        text(extra, "onAllTasksComplete").map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.equals("terminatejob"))
                .ifPresent(s -> lines.add("onAllTasksComplete " + s + ": the local farm completes a job when all its tasks are done"));
        text(extra, "onTaskFailure").map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.equals("noaction"))
                .ifPresent(s -> lines.add("onTaskFailure " + s + ": a failed task does not end the job here"));
        for (String key : extra.keySet()) {
            if (!JOB_SILENT.contains(key)) {
                lines.add(key + ": " + (key.equals("jobManagerTask") ? "the job manager task is not run on the local farm"
                        : "not used on the local farm"));
            }
        }
        Map<String, List<String>> perProperty = new LinkedHashMap<>();
        for (Task t : job.allTasks()) {
            if (t.resourceFiles().stream().anyMatch(r -> r.identityResourceId().isPresent())
                    || t.outputFiles().stream().anyMatch(o -> o.destination().identityResourceId().isPresent())) {
                perProperty.computeIfAbsent("identityReference: this workstation has no managed identity; its storage is"
                        + " reached with the URL as written (one without a SAS token is refused)", k -> new ArrayList<>()).add(t.id());
            }
            if (t.outputFiles().stream().anyMatch(o -> !o.destination().uploadHeaders().isEmpty())) {
                perProperty.computeIfAbsent("uploadHeaders: uploads from this workstation send no extra headers",
                        k -> new ArrayList<>()).add(t.id());
            }
            JsonObject fields = t.extra().object();
            for (String key : fields.keySet()) {
                if (key.equals("constraints")) {
                    if (object(fields, key).has("retentionTime")) {
                        perProperty.computeIfAbsent("constraints.retentionTime: task folders stay until the job is deleted",
                                k -> new ArrayList<>()).add(t.id());
                    }
                    continue;
                }
                String what = key;
                if (key.equals("userIdentity")) {
                    what = key + text(object(object(fields, key), "autoUser"), "elevationLevel")
                            .map(e -> " (elevationLevel " + e + ")").orElse("");
                } else if (key.equals("containerSettings")) {
                    what = key + text(object(fields, key), "imageName").map(i -> " (image " + i + ")").orElse("");
                }
                perProperty.computeIfAbsent(what + ": " + TASK_WHY.getOrDefault(key, "not used on the local farm"),
                        k -> new ArrayList<>()).add(t.id());
            }
        }
        perProperty.forEach((line, ids) -> {
            int colon = line.indexOf(": ");
            lines.add(line.substring(0, colon) + " on " + (ids.size() == 1 ? "task " : "tasks ") + names(ids)
                    + line.substring(colon));
        });
        return lines;
    }

    static String names(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 4)) + " and " + (ids.size() - 4) + " more";
    }

    private static JsonObject object(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static Optional<String> text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? Optional.empty() : Optional.of(e.getAsString());
    }
}

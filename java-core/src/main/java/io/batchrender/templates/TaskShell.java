package io.batchrender.templates;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Wraps command lines in the pool's OS shell, as the Batch CLI extensions do when they submit a
 * template job or pool (Azure/azure-batch-cli-extensions, {@code azext/batch/_template_utils.py}:
 * {@code post_processing}, {@code _is_prefixed}, {@code _add_cmd_prefix}). A Batch node splits a
 * command line into words and runs it without a shell
 * (https://learn.microsoft.com/azure/batch/batch-compute-node-environment-variables: "the command
 * line ... not run under a shell"), so Batch Explorer's templates, which use {@code ;}, {@code &&},
 * {@code $VAR} and {@code %VAR%}, rely on this wrapping to run at all.
 *
 * <ul>
 *   <li>Linux: {@code /bin/bash -c 'set -e; set -o pipefail; LINE; wait'}; Windows:
 *       {@code cmd /c "LINE"}. Nothing inside is escaped, as in the extensions: a single quote in
 *       a Linux line ends the wrapping's quote (write double quotes instead).</li>
 *   <li>A line that already starts with {@code cmd.exe /c}, {@code cmd /c}, {@code /bin/bash -c}
 *       or {@code /bin/sh -c} (exactly, case and spaces as written) is left alone.</li>
 *   <li>Wrapped: every task, the job preparation, release and manager tasks (jobs), and the start
 *       task (pools). An auto-pool's start task inside a job is not (the extensions do not).</li>
 * </ul>
 */
public final class TaskShell {

    /** The OS family of a pool's nodes, which decides the shell. */
    public enum Os { LINUX, WINDOWS }

    private static final List<String> SHELL_PREFIXES = List.of("cmd.exe /c", "cmd /c", "/bin/bash -c", "/bin/sh -c");
    private static final List<String> JOB_TASKS = List.of("jobPreparationTask", "jobReleaseTask", "jobManagerTask");

    private TaskShell() {
    }

    /** Whether {@code line} already starts with a shell ({@code _is_prefixed} in the extensions). */
    public static boolean startsWithShell(String line) {
        return SHELL_PREFIXES.stream().anyMatch(line::startsWith);
    }

    /** {@code line} in {@code os}'s shell, unless it already starts with one. */
    public static String wrap(String line, Os os) {
        if (line.isBlank() || startsWithShell(line)) { // a blank line stays blank, for the farm to refuse
            return line;
        }
        return os == Os.WINDOWS ? "cmd /c \"" + line + "\"" : "/bin/bash -c 'set -e; set -o pipefail; " + line + "; wait'";
    }

    /**
     * The OS of a pool (a Batch "add pool" body or the {@code pool} of an auto-pool specification).
     * The node agent SKU decides ({@code batch.node.windows amd64} is Windows, every other SKU
     * Linux), else the image publisher (Windows when it contains "windows"); with neither, Windows,
     * as in the extensions' {@code get_pool_target_os_type} (a pool without a virtual machine
     * configuration was a Cloud Services pool, always Windows). The extensions look at the
     * publisher first and take a Compute Gallery image (no publisher) for Windows whatever its
     * node agent; here its node agent decides, so a Linux gallery image gets bash.
     */
    public static Os osOf(JsonObject pool) {
        JsonObject vm = object(pool, "virtualMachineConfiguration");
        return osOf(text(vm, "nodeAgentSKUId"), text(object(vm, "imageReference"), "publisher"));
    }

    /** {@link #osOf(JsonObject)} from a pool's node agent SKU and image publisher (either may be null). */
    public static Os osOf(String sku, String publisher) {
        sku = sku == null ? "" : sku;
        publisher = publisher == null ? "" : publisher;
        if (!sku.isEmpty()) {
            return sku.toLowerCase(Locale.ROOT).contains("windows") ? Os.WINDOWS : Os.LINUX;
        }
        return publisher.isEmpty() || publisher.toLowerCase(Locale.ROOT).contains("windows") ? Os.WINDOWS : Os.LINUX;
    }

    /** The OS of the job's auto-pool ({@code poolInfo.autoPoolSpecification.pool}), if it has one. */
    public static Optional<Os> autoPoolOs(JsonObject job) {
        JsonObject pool = object(object(object(job, "poolInfo"), "autoPoolSpecification"), "pool");
        return pool.size() == 0 ? Optional.empty() : Optional.of(osOf(pool));
    }

    /** Whether any command line of the job would be wrapped (the farm then needs the pool's OS). */
    public static boolean needsOs(ExpandedJob job) {
        JsonObject j = job.job();
        if (JOB_TASKS.stream().map(k -> object(j, k)).anyMatch(t -> t.size() > 0 && wraps(text(t, "commandLine")))) {
            return true;
        }
        for (int i = 0; i < job.taskCount(); i++) {
            if (wraps(text(job.task(i), "commandLine"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wraps(String line) {
        return !line.isBlank() && !startsWithShell(line);
    }

    /** The job with every task's and job task's command line wrapped for {@code os}. */
    public static ExpandedJob wrap(ExpandedJob expanded, Os os) {
        JsonObject job = expanded.job();
        wrapJobBody(job, os);
        List<JsonObject> tasks = expanded.tasks();
        tasks.forEach(t -> wrapTaskBody(t, os));
        return new ExpandedJob(job, tasks);
    }

    /** Wraps, in place, the command lines of a job body's preparation, release and manager tasks. */
    public static void wrapJobBody(JsonObject job, Os os) {
        JOB_TASKS.forEach(k -> wrapCommand(object(job, k), os));
    }

    /** Wraps, in place, the command line of a task body. */
    public static void wrapTaskBody(JsonObject task, Os os) {
        wrapCommand(task, os);
    }

    /** The pool with its start task's command line wrapped for the pool's own OS. */
    public static ExpandedPool wrap(ExpandedPool expanded) {
        JsonObject pool = expanded.pool();
        wrapCommand(object(pool, "startTask"), osOf(pool));
        return new ExpandedPool(pool);
    }

    private static void wrapCommand(JsonObject task, Os os) {
        JsonElement line = task.get("commandLine");
        if (line != null && line.isJsonPrimitive() && line.getAsJsonPrimitive().isString()) {
            task.addProperty("commandLine", wrap(line.getAsString(), os));
        }
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
}

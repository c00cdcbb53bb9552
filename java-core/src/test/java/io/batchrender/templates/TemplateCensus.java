package io.batchrender.templates;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures a folder of templates in the Batch CLI extensions' format (Batch Explorer's
 * {@code ncj/} folder of Azure/BatchExplorer-data): how many job templates expand, and how many of
 * their command lines (tasks, job preparation, release and manager tasks) would run on a Batch
 * node, which splits a command line into words and runs it without a shell: a line runs when it
 * starts with a shell (a line wrapped in bash with a single quote inside does not count: that quote
 * ends the wrapping's) or uses nothing only a shell reads ({@code ; & | < > $ % `}).
 * A required parameter without a value gets a stand-in of its type (its first allowed value, its
 * minimum, or {@code x}); a {@code job.parameters.json} beside the template is read first. The OS
 * is the one of {@code pool.template.json} beside the job template.
 *
 * <p>Usage: TemplateCensus NCJ_FOLDER
 */
public final class TemplateCensus {

    private static final Pattern SHELL_ONLY = Pattern.compile("[;&|<>$%`]");

    private TemplateCensus() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> jobs;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            jobs = s.filter(p -> p.getFileName().toString().equals("job.template.json")).sorted().toList();
        }
        int expanded = 0;
        int lines = 0;
        int runs = 0;
        for (Path p : jobs) {
            try {
                Template t = Template.read(p);
                ParameterValues values = stand_ins(t);
                Path params = p.resolveSibling("job.parameters.json");
                if (Files.isRegularFile(params)) {
                    values = values.overriddenBy(ParameterValues.fromFile(params));
                }
                ExpandedJob job = JobTemplates.expand(t, values, (container, prefix) ->
                        List.of(new SourceFile(prefix + "a.png", "https://s.blob.core.windows.net/" + container + "/a.png")));
                job = runAs(job, p.resolveSibling("pool.template.json"));
                expanded++;
                List<String> cmds = commandLines(job);
                long ok = cmds.stream().filter(TemplateCensus::runs).count();
                lines += cmds.size();
                runs += (int) ok;
                System.out.println("expands  " + p + ": " + ok + "/" + cmds.size() + " command lines run");
                cmds.stream().filter(c -> !runs(c)).limit(2).forEach(c -> System.out.println("    needs a shell: "
                        + (c.length() > 150 ? c.substring(0, 150) + "..." : c)));
            } catch (RuntimeException e) {
                System.out.println("FAILS    " + p + ": " + e.getMessage());
            }
        }
        List<Path> pools;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            pools = s.filter(p -> p.getFileName().toString().equals("pool.template.json")).sorted().toList();
        }
        int poolsExpanded = 0;
        int startTasks = 0;
        int startTasksRun = 0;
        for (Path p : pools) {
            try {
                Template t = Template.read(p);
                JsonObject pool = PoolTemplates.expand(t, stand_ins(t)).pool();
                poolsExpanded++;
                if (pool.has("startTask")) {
                    startTasks++;
                    String line = pool.getAsJsonObject("startTask").get("commandLine").getAsString();
                    if (runs(line)) {
                        startTasksRun++;
                    } else {
                        System.out.println("start task needs a shell: " + p + ": " + line);
                    }
                }
            } catch (RuntimeException e) {
                System.out.println("FAILS    " + p + ": " + e.getMessage());
            }
        }
        System.out.println("pool templates: " + pools.size() + ", expand: " + poolsExpanded + "; start tasks: " + startTasks
                + ", run: " + startTasksRun);
        System.out.println("job templates: " + jobs.size() + ", expand: " + expanded + "; command lines: " + lines
                + ", run: " + runs + ", do not run: " + (lines - runs));
    }

    /** The job as the farm would submit it to a pool made from {@code poolTemplate}. */
    private static ExpandedJob runAs(ExpandedJob job, Path poolTemplate) {
        if (!TaskShell.needsOs(job)) {
            return job;
        }
        java.util.Optional<TaskShell.Os> os = TaskShell.autoPoolOs(job.job());
        if (os.isEmpty() && Files.isRegularFile(poolTemplate)) {
            Template t = Template.read(poolTemplate);
            os = java.util.Optional.of(TaskShell.osOf(PoolTemplates.expand(t, stand_ins(t)).pool()));
        }
        return os.map(o -> TaskShell.wrap(job, o)).orElse(job);
    }

    private static final String BASH = "/bin/bash -c 'set -e; set -o pipefail; ";

    private static boolean runs(String line) {
        if (line.startsWith(BASH) && line.endsWith("; wait'")
                && line.substring(BASH.length(), line.length() - "; wait'".length()).contains("'")) {
            return false; // a single quote inside ends the wrapping's quote (the extensions escape nothing)
        }
        return line.startsWith("cmd.exe /c") || line.startsWith("cmd /c") || line.startsWith("/bin/bash -c")
                || line.startsWith("/bin/sh -c") || !SHELL_ONLY.matcher(line).find();
    }

    private static List<String> commandLines(ExpandedJob job) {
        List<String> out = new ArrayList<>();
        JsonObject j = job.job();
        for (String k : List.of("jobPreparationTask", "jobReleaseTask", "jobManagerTask")) {
            if (j.has(k)) {
                out.add(j.getAsJsonObject(k).get("commandLine").getAsString());
            }
        }
        job.tasks().forEach(t -> out.add(t.get("commandLine").getAsString()));
        return out;
    }

    static ParameterValues stand_ins(Template t) {
        Map<String, JsonElement> v = new LinkedHashMap<>();
        for (TemplateParameter p : t.parameters()) {
            if (!p.required()) {
                continue;
            }
            if (!p.allowedValues().isEmpty()) {
                v.put(p.name(), p.allowedValues().get(0));
            } else if (p.baseType().equals("int")) {
                v.put(p.name(), new JsonPrimitive(1));
            } else if (p.baseType().equals("bool")) {
                v.put(p.name(), new JsonPrimitive(false));
            } else {
                v.put(p.name(), new JsonPrimitive("x"));
            }
        }
        return ParameterValues.of(v);
    }
}

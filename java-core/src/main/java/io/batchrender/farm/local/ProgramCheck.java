package io.batchrender.farm.local;

import io.batchrender.render.CommandLineSplitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warns, before a template job is stored, about commands whose program is not on this workstation
 * (typically a template written for Windows nodes run on Linux): the job is still accepted, since
 * a resource file may bring the program, but the user learns now why its tasks would fail.
 */
final class ProgramCheck {

    private final Map<String, String> submitterEnv;

    ProgramCheck(Map<String, String> submitterEnv) {
        this.submitterEnv = submitterEnv;
    }

    void warn(List<TemplatePlan.PlannedTask> tasks, Map<String, String> common, IgnoredProperties ignored) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        int windows = 0;
        for (TemplatePlan.PlannedTask t : tasks) {
            List<String> argv = CommandLineSplitter.split(t.spec().commandLine());
            if (argv.isEmpty()) {
                continue;
            }
            String program = argv.get(0);
            if (!program.startsWith("/") && program.contains("/")) {
                continue; // relative to the working folder: a resource file may bring it
            }
            Map<String, String> env = new HashMap<>(submitterEnv);
            env.putAll(t.spec().environment());
            if (ProgramPath.find(program, env, Path.of("/")).isEmpty()) {
                missing.computeIfAbsent(program, k -> new ArrayList<>()).add(t.id());
                if (ProgramPath.looksWindows(program) && !ProgramPath.onWindows()) {
                    windows++;
                }
            }
        }
        int total = missing.values().stream().mapToInt(List::size).sum();
        if (total == tasks.size() && windows == total) {
            ignored.note("warning: no task can run on this workstation: every command starts with a Windows program ("
                    + String.join(", ", missing.keySet()) + "); use the template's Linux variant");
            return;
        }
        missing.forEach((program, ids) -> ignored.note("warning: '" + program + "' is not on this workstation's PATH"
                + (ProgramPath.looksWindows(program) && !ProgramPath.onWindows() ? " (a Windows program)" : "")
                + ": " + (ids.size() == 1 ? "task " : "tasks ") + names(ids) + " will fail unless it is installed"));
    }

    private static String names(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 4)) + " and " + (ids.size() - 4) + " more";
    }
}

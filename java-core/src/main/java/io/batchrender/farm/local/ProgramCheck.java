package io.batchrender.farm.local;

import io.batchrender.job.Command;
import io.batchrender.job.Job;
import io.batchrender.job.Task;
import io.batchrender.render.CommandLineSplitter;
import io.batchrender.render.Program;
import io.batchrender.render.ProgramLocator;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warns, before a job is stored, about commands whose program is not on this workstation (typically a
 * template written for Windows nodes run on Linux): the job is still accepted, since a resource file
 * may bring the program, but the user learns now why its tasks would fail. Looks programs up as the
 * task will ({@link ProgramLocator}), in the environment the task will have.
 */
final class ProgramCheck {

    private ProgramCheck() {
    }

    /** One note per missing program naming its tasks, or one saying no task can run here. */
    static List<String> notes(Job job, Map<String, String> baseEnv) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        int windows = 0;
        List<Task> tasks = job.allTasks();
        Map<String, Boolean> seen = new HashMap<>();
        for (Task t : tasks) {
            Program program = program(t.command());
            if (!Path.of(program.name()).isAbsolute() && program.name().contains("/")) {
                continue; // relative to the working folder: a resource file may bring it
            }
            // the environment is built only for a lookup: a program is looked up once for all tasks without their own
            // variables (copying the environment for each of 100,000 tasks was a tenth of a submit)
            boolean found = t.environment().isEmpty()
                    ? seen.computeIfAbsent(program.name(), n -> new ProgramLocator(env(baseEnv, job, t)).locate(program).isPresent())
                    : new ProgramLocator(env(baseEnv, job, t)).locate(program).isPresent();
            if (!found) {
                missing.computeIfAbsent(program.name(), k -> new ArrayList<>()).add(t.id());
                if (looksWindows(program.name()) && !onWindows()) {
                    windows++;
                }
            }
        }
        int total = missing.values().stream().mapToInt(List::size).sum();
        if (total == tasks.size() && windows == total && total > 0) {
            return List.of("warning: no task can run on this workstation: every command starts with a Windows program ("
                    + String.join(", ", missing.keySet()) + "); use the template's Linux variant");
        }
        List<String> notes = new ArrayList<>();
        missing.forEach((program, ids) -> notes.add("warning: '" + program + "' is not on this workstation's PATH"
                + (looksWindows(program) && !onWindows() ? " (a Windows program)" : "")
                + ": " + (ids.size() == 1 ? "task " : "tasks ") + IgnoredProperties.names(ids)
                + " will fail unless it is installed"));
        return notes;
    }

    private static Map<String, String> env(Map<String, String> baseEnv, Job job, Task t) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(job.environment());
        env.putAll(t.environment());
        return env;
    }

    private static Program program(Command command) {
        return command instanceof Command.Call call ? call.program()
                : Program.named(CommandLineSplitter.split(((Command.Line) command).text()).get(0));
    }

    /** Whether the name is a Windows program ({@code cmd}, {@code powershell}, {@code *.exe}, ...). */
    static boolean looksWindows(String program) {
        String p = program.toLowerCase(Locale.ROOT);
        return p.equals("cmd") || p.equals("powershell") || p.endsWith(".exe") || p.endsWith(".bat")
                || p.endsWith(".cmd") || p.endsWith(".ps1") || p.contains("\\") || p.matches("^[a-z]:.*");
    }

    static boolean onWindows() {
        return File.separatorChar == '\\';
    }
}

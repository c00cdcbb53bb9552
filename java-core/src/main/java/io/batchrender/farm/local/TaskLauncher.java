package io.batchrender.farm.local;

import io.batchrender.render.ProgramLocator;
import io.batchrender.render.TaskCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Starts one attempt of a task as a process: argument list, own log files, no stdin, no shell. */
final class TaskLauncher {

    /** The program is not on this machine; the message says what to install or set. */
    static final class ProgramMissing extends Exception {
        ProgramMissing(String message) {
            super(message);
        }
    }

    private final Map<String, String> baseEnv;
    private final Map<Lookup, Path> found = new java.util.concurrent.ConcurrentHashMap<>();

    /** A program looked up in an environment: what decides where it is found. */
    private record Lookup(io.batchrender.render.Program program, String path, List<String> locations) {
    }

    TaskLauncher(Map<String, String> env) {
        this.baseEnv = Map.copyOf(env);
    }

    Process start(ClaimedTask task, AttemptFiles files, Path workDir) throws IOException, ProgramMissing {
        Files.createDirectories(files.staging());
        Files.createDirectories(workDir);
        TaskCommand command = task.command();
        Map<String, String> taskEnv = task.environment().isEmpty() ? baseEnv : task.environment();
        Optional<Path> exe = locate(command.program(), taskEnv);
        if (exe.isEmpty()) {
            String message = ProgramLocator.notFoundMessage(command.program());
            Files.writeString(files.stderr(), message + System.lineSeparator());
            throw new ProgramMissing(message);
        }
        List<String> argv = new ArrayList<>();
        argv.add(exe.get().toString());
        argv.addAll(command.argsWithOutput(files.staging().toString()));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(workDir.toFile())
                .redirectOutput(files.stdout().toFile())
                .redirectError(files.stderr().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(taskEnv);
        String frames = task.frames().stream().map(String::valueOf).collect(Collectors.joining(","));
        env.put("BATCHRENDER_JOB_ID", task.jobId());
        env.put("BATCHRENDER_TASK_ID", task.taskId());
        env.put("BATCHRENDER_FRAMES", frames);
        env.put("BATCHRENDER_OUTPUT_DIR", files.staging().toString());
        env.put("AZ_BATCH_JOB_ID", task.jobId());
        env.put("AZ_BATCH_TASK_ID", task.taskId());
        env.put("AZ_BATCH_TASK_WORKING_DIR", workDir.toString());
        return pb.start();
    }

    /** Looks a program up once per environment; a cached path is used while it is still there. */
    private Optional<Path> locate(io.batchrender.render.Program program, Map<String, String> env) {
        Lookup key = new Lookup(program, env.getOrDefault("PATH", ""),
                program.locationVars().stream().map(v -> env.getOrDefault(v, "")).toList());
        Path cached = found.get(key);
        if (cached != null && Files.isExecutable(cached)) {
            return Optional.of(cached);
        }
        Optional<Path> exe = new ProgramLocator(env).locate(program);
        exe.ifPresentOrElse(p -> found.put(key, p), () -> found.remove(key));
        return exe;
    }

    private static File nullDevice() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }
}

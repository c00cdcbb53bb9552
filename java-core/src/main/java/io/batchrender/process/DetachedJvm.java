package io.batchrender.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code batchrender ARGS} as a process that outlives this one: this JVM's java and class
 * path, in a new session ({@code setsid --fork} where it exists) so closing the parent's terminal
 * or killing its process group does not reach it, stdin from the null device, output appended to
 * a file. The background agent and the output watcher start this way.
 */
public final class DetachedJvm {

    private DetachedJvm() {
    }

    /** The command line: {@code [setsid --fork] java --add-opens ... JVM_OPTIONS -cp CP io.batchrender.cli.Main ARGS}. */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString());
            cmd.add("--fork");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens");
        cmd.add("java.base/java.util=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.batchrender.cli.Main");
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts {@code command} with exactly {@code env}, stdin closed and output appended to {@code out}.
     * The returned process may be a short-lived {@code setsid} whose child does the work.
     */
    public static Process start(List<String> command, Map<String, String> env, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }
}

package io.batchrender.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Starts {@code batchrender ARGS} as a process that outlives this one: this JVM's java and class
 * path, detached from the parent's terminal, console and process group, stdin from the null device,
 * output appended to a file. The background agent and the output watcher start this way.
 *
 * <p>Detaching, per platform: on Linux {@code setsid --fork} (util-linux) starts it in a new session; on
 * macOS, which has no {@code setsid} program, Perl (shipped with macOS at {@code /usr/bin/perl}) calls
 * POSIX {@code setsid()} and then execs it; on Windows it runs on {@code javaw.exe}, the JDK's launcher
 * without a console (so no console window, and no console Ctrl+C/Ctrl+Break or close event reaches it;
 * the JDK itself starts every child with {@code CREATE_NO_WINDOW}, ProcessImpl_md.c).
 */
public final class DetachedJvm {

    /** The system property naming the class archive this JVM mapped (see {@link #classArchiveOptions}). */
    static final String CLASS_ARCHIVE = "batchrender.classArchive";

    private DetachedJvm() {
    }

    /** The command line for this platform: {@code [DETACH] java --add-opens ... JVM_OPTIONS -cp CP io.batchrender.cli.Main ARGS}. */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        return command(System.getProperty("os.name"), Path.of(System.getProperty("java.home")), Files::isExecutable,
                System.getProperty("java.class.path"), jvmOptions, args);
    }

    /**
     * The command line for the platform {@code osName} (as {@code os.name} says it), the runtime at {@code javaHome},
     * with {@code executable} telling which programs exist there.
     */
    static List<String> command(String osName, Path javaHome, Predicate<Path> executable, String classPath,
            List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(detachPrefix(osName, executable));
        boolean windows = osName.startsWith("Windows");
        cmd.add(javaHome.resolve("bin").resolve(windows ? "javaw.exe" : "java").toString());
        cmd.add("--add-opens");
        cmd.add("java.base/java.util=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.addAll(classArchiveOptions(System.getProperty(CLASS_ARCHIVE), Files::isRegularFile));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add("io.batchrender.cli.Main");
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The options that map the launcher's class archive ({@code -Dbatchrender.classArchive=FILE}, which the
     * {@code batchrender} script sets when it maps one), so that a background JVM starts as fast as the command
     * that started it (about 0.1-0.3 s of class loading saved); none when there is no archive. The archive was
     * recorded from the same jar with {@code -jar}; the same jar given as {@code -cp} matches it.
     */
    static List<String> classArchiveOptions(String archive, Predicate<Path> exists) {
        if (archive == null || archive.isEmpty() || !exists.test(Path.of(archive))) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-D" + CLASS_ARCHIVE + "=" + archive);
    }

    /** What runs a command in a new session on this platform (empty on Windows, where javaw detaches). */
    static List<String> detachPrefix(String osName, Predicate<Path> executable) {
        if (osName.startsWith("Windows")) {
            return List.of();
        }
        Path setsid = Path.of("/usr/bin/setsid");
        if (executable.test(setsid)) {
            return List.of(setsid.toString(), "--fork");
        }
        Path perl = Path.of("/usr/bin/perl");
        if (executable.test(perl)) {
            return List.of(perl.toString(), "-MPOSIX", "-e", "POSIX::setsid(); exec { $ARGV[0] } @ARGV or die \"exec $ARGV[0]: $!\\n\"", "--");
        }
        return List.of();
    }

    /**
     * Starts {@code command} with exactly {@code env}, stdin closed and output appended to {@code out}.
     * The returned process may be a short-lived {@code setsid} whose child does the work (Linux), or the
     * work itself.
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

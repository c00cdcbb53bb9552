package io.batchrender.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The CLI's entry point: {@code batchrender ARGS}. */
    public static final String CLI_MAIN = "io.batchrender.cli.Main";

    /** The command line for this platform: {@code [DETACH] java --add-opens ... JVM_OPTIONS -cp CP io.batchrender.cli.Main ARGS}. */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        return command(CLI_MAIN, jvmOptions, args);
    }

    /** The same with another entry point of the jar ({@code mainClass}) than the CLI's. */
    public static List<String> command(String mainClass, List<String> jvmOptions, List<String> args) {
        return command(System.getProperty("os.name"), Path.of(System.getProperty("java.home")), Files::isExecutable,
                System.getProperty("java.class.path"), mainClass, jvmOptions, args);
    }

    /**
     * The command line for the platform {@code osName} (as {@code os.name} says it), the runtime at {@code javaHome},
     * with {@code executable} telling which programs exist there.
     */
    static List<String> command(String osName, Path javaHome, Predicate<Path> executable, String classPath,
            List<String> jvmOptions, List<String> args) {
        return command(osName, javaHome, executable, classPath, CLI_MAIN, jvmOptions, args);
    }

    static List<String> command(String osName, Path javaHome, Predicate<Path> executable, String classPath,
            String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(detachPrefix(osName, executable));
        boolean windows = osName.startsWith("Windows");
        cmd.add(javaHome.resolve("bin").resolve(windows ? "javaw.exe" : "java").toString());
        cmd.add("--add-opens");
        cmd.add("java.base/java.util=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.addAll(classArchiveOptions(System.getProperty(CLASS_ARCHIVE), classPath));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The options that map the launcher's class archive, so that a background JVM starts as fast as the command that
     * started it (about 0.1-0.3 s of class loading saved); none when there is no archive. The archive is the one this
     * JVM was told of ({@code -Dbatchrender.classArchive=FILE}, which the {@code batchrender} script sets when it maps
     * one), else the one the script keeps beside the jar ({@code batchrender.jar} → {@code batchrender.jsa}) when it is
     * newer than the jar: the plug-in's gateway runs {@code java -jar} without the script, and the agent it starts
     * for a submit is on the artist's clock. The archive was recorded from the same jar with {@code -jar}; the same
     * jar given as {@code -cp} matches it; a JVM other than the one that recorded it ignores it, silently.
     */
    static List<String> classArchiveOptions(String named, String classPath) {
        return classArchive(named, classPath).map(archive -> List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-D" + CLASS_ARCHIVE + "=" + archive)).orElse(List.of());
    }

    private static Optional<Path> classArchive(String named, String classPath) {
        if (named != null && !named.isEmpty()) {
            return Optional.of(Path.of(named)).filter(Files::isRegularFile);
        }
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(classPath);
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
        try {
            return Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0
                    ? Optional.of(archive.toAbsolutePath()) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // without it the JVM only starts slower
        }
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

package io.batchrender.farm.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the program of a Batch command line the way the node would: a name with a slash is a path
 * (relative to the working folder), a bare name is looked up on the task's own {@code PATH}, not the
 * agent's.
 */
final class ProgramPath {

    private ProgramPath() {
    }

    static Optional<Path> find(String program, Map<String, String> env, Path workDir) {
        try {
            if (program.contains("/") || program.contains(File.separator)) {
                Path p = workDir.resolve(program);
                return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
            }
            for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
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

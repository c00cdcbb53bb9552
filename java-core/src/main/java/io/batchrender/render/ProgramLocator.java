package io.batchrender.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds a {@link Program}'s executable in an environment: its variables first, then PATH. */
public final class ProgramLocator {

    private final Map<String, String> env;

    public ProgramLocator(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Optional<Path> locate(Program program) {
        return locate(program, Path.of("").toAbsolutePath());
    }

    /**
     * As {@link #locate(Program)}, with a name holding a folder separator ({@code bin/render},
     * {@code ./run.sh}) taken relative to {@code workDir}, as a Batch node takes it relative to the
     * task's working folder (a resource file may have brought it).
     */
    public Optional<Path> locate(Program program, Path workDir) {
        if (!program.pathVar().isEmpty()) {
            Optional<Path> p = executable(env.get(program.pathVar()));
            if (p.isPresent()) {
                return p;
            }
        }
        if (!program.homeVar().isEmpty() && env.get(program.homeVar()) != null) {
            Optional<Path> p = executable(Path.of(env.get(program.homeVar()), program.homeRelative()).toString());
            if (p.isPresent()) {
                return p;
            }
        }
        if (program.name().contains("/") || program.name().contains(File.separator)) {
            try {
                return executable(workDir.resolve(program.name()).toString());
            } catch (java.nio.file.InvalidPathException e) {
                return Optional.empty();
            }
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Optional<Path> p = executable(Path.of(dir, program.name()).toString());
                if (p.isPresent()) {
                    return p;
                }
            } catch (java.nio.file.InvalidPathException e) {
                return Optional.empty(); // a name no file can have here (a Windows path on Linux)
            }
        }
        return Optional.empty();
    }

    /** The one-line message for a program that is not here. */
    public static String notFoundMessage(Program program) {
        StringBuilder sb = new StringBuilder(program.name()).append(" was not found");
        if (!program.locationVars().isEmpty()) {
            sb.append(" (looked at ").append(String.join(", ", program.locationVars().stream().map(v -> "$" + v).toList()))
              .append(" and PATH)");
        } else {
            sb.append(" on PATH");
        }
        return sb.append(": ").append(program.installHint()).toString();
    }

    private static Optional<Path> executable(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(candidate);
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
}

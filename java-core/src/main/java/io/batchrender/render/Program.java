package io.batchrender.render;

import java.util.List;

/**
 * A program a task runs, and where to look for it on the machine that runs the task.
 *
 * @param name        the executable's name, looked up on PATH (or an absolute path)
 * @param pathVar     an environment variable that may hold the executable's full path ({@code BLENDER}), or empty
 * @param homeVar     an environment variable naming an install folder ({@code MAYA_LOCATION}), or empty
 * @param homeRelative the executable's path inside that folder ({@code bin/Render})
 * @param installHint what to do when it is not found, one sentence
 */
public record Program(String name, String pathVar, String homeVar, String homeRelative, String installHint) {

    public Program {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a program needs a name");
        }
        pathVar = pathVar == null ? "" : pathVar;
        homeVar = homeVar == null ? "" : homeVar;
        homeRelative = homeRelative == null ? "" : homeRelative;
        installHint = installHint == null ? "" : installHint;
    }

    /** A program known only by its name or path. */
    public static Program named(String name) {
        return new Program(name, "", "", "",
                "Install " + name + " or put the folder that holds it on PATH.");
    }

    /** The environment variables that say where this program is, in the order they are tried. */
    public List<String> locationVars() {
        return java.util.stream.Stream.of(pathVar, homeVar).filter(v -> !v.isEmpty()).toList();
    }
}

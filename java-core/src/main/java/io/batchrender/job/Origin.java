package io.batchrender.job;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a job was compiled, for people and lists: a job means the same whatever its origin.
 *
 * @param kind     which compiler made it
 * @param renderer the renderer's name ({@code arnold}, {@code blender}), the program's for a
 *                 command sweep, {@code template} for a template
 * @param source   the scene or template file it came from
 */
public record Origin(Kind kind, String renderer, Optional<Path> source) {

    public enum Kind { SCENE, COMMAND, TEMPLATE }

    public Origin {
        source = source == null ? Optional.empty() : source; // absent in stored JSON
        if (renderer == null || renderer.isBlank()) {
            throw new IllegalArgumentException("an origin names its renderer");
        }
    }
}

package io.batchrender.compile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an artist fills in to submit, before anything is checked: the CLI's options and the
 * bridge's submit request both become one of these. Relative paths are taken relative to the
 * caller's current directory by {@link Submission#prepare}.
 *
 * @param scene        the scene to render, or empty with a {@code command}
 * @param command      a program and its arguments to run per frame or chunk instead of a renderer
 * @param frames       the frame spec; empty: the scene's own frames (Maya scenes only)
 * @param searchPaths  Maya scenes: extra folders to look for the scene's files in
 * @param allowMissing Maya scenes: submit even when files are missing
 * @param chunk        frames per task
 * @param renderer     the renderer's name; empty: inferred from the scene
 * @param name         the job's name; empty: the scene's or program's name
 * @param output       where the finished images go; empty: a folder the farm owns
 * @param retries      how many times a failed task is tried again
 * @param timeout      wall-clock limit of one attempt
 * @param engine       Blender's engine
 * @param format       Blender's image format
 * @param imageName    the images' base name
 * @param camera       Maya's camera
 * @param layer        Maya's render layer
 * @param project      Maya's project folder
 */
public record SubmitForm(Optional<Path> scene, Optional<List<String>> command, Optional<String> frames,
                         List<Path> searchPaths, boolean allowMissing, int chunk, Optional<String> renderer,
                         Optional<String> name, Optional<Path> output, int retries, Optional<Duration> timeout,
                         Optional<String> engine, Optional<String> format, Optional<String> imageName,
                         Optional<String> camera, Optional<String> layer, Optional<Path> project) {

    public SubmitForm {
        command = command.map(List::copyOf);
        searchPaths = List.copyOf(searchPaths);
    }
}

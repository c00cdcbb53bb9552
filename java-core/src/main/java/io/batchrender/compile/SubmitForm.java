package io.batchrender.compile;

import io.batchrender.scene.HostReferences;
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
 * @param references   the files the host application reports for the scene (Blender's data-blocks; the core
 *                     cannot read a .blend): resolved, checked, uploaded and path-mapped as a Maya scene's scan is;
 *                     empty: a .blend goes alone (a Maya scene is read by the core and takes none)
 */
public record SubmitForm(Optional<Path> scene, Optional<List<String>> command, Optional<String> frames,
                         List<Path> searchPaths, boolean allowMissing, int chunk, Optional<String> renderer,
                         Optional<String> name, Optional<Path> output, int retries, Optional<Duration> timeout,
                         Optional<String> engine, Optional<String> format, Optional<String> imageName,
                         Optional<String> camera, Optional<String> layer, Optional<Path> project,
                         Optional<HostReferences> references) {

    public SubmitForm {
        command = command.map(List::copyOf);
        searchPaths = List.copyOf(searchPaths);
    }

    /** A form without host references: the core reads a Maya scene itself, a .blend goes alone. */
    public SubmitForm(Optional<Path> scene, Optional<List<String>> command, Optional<String> frames,
                      List<Path> searchPaths, boolean allowMissing, int chunk, Optional<String> renderer,
                      Optional<String> name, Optional<Path> output, int retries, Optional<Duration> timeout,
                      Optional<String> engine, Optional<String> format, Optional<String> imageName,
                      Optional<String> camera, Optional<String> layer, Optional<Path> project) {
        this(scene, command, frames, searchPaths, allowMissing, chunk, renderer, name, output, retries, timeout, engine,
                format, imageName, camera, layer, project, Optional.empty());
    }
}

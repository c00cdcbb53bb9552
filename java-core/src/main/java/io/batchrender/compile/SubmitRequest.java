package io.batchrender.compile;

import io.batchrender.render.RenderOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an artist asks for: a scene with its renderer options, or a plain command, over a frame spec.
 *
 * @param scene       the scene and its options, or empty for a command
 * @param command     the command's arguments (program first), or empty for a scene
 * @param renderer    the renderer's name; empty: inferred from the scene
 * @param frames      the frame spec ({@code 1-100x2})
 * @param chunk       frames per task
 * @param name        the job's name; empty: the scene's or program's name
 * @param outputDir   where outputs go; empty: the farm decides
 * @param maxRetries  retries of a failed task
 * @param taskTimeout wall-clock limit of one attempt
 */
public record SubmitRequest(Optional<RenderOptions> scene, Optional<List<String>> command, Optional<String> renderer,
                            String frames, int chunk, Optional<String> name, Optional<Path> outputDir, int maxRetries,
                            Optional<Duration> taskTimeout) {

    public static final int DEFAULT_RETRIES = 2;

    public SubmitRequest {
        command = command.map(List::copyOf);
    }
}

package io.batchrender.farm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job to submit.
 *
 * @param name        a display name
 * @param renderer    the renderer's name, for display
 * @param scene       the scene, for display (empty for a plain command)
 * @param outputDir   where finished outputs go; empty: a folder the farm owns
 * @param maxRetries  how many times a failed task is tried again
 * @param taskTimeout the wall-clock limit of one attempt; empty: none
 * @param tasks       the tasks, in the order they should start
 * @param environment the environment the tasks run with (the submitter's: PATH, MAYA_LOCATION, licence
 *                    servers); empty: the environment of whatever runs them
 */
public record JobSpec(String name, String renderer, Optional<Path> scene, Optional<Path> outputDir,
                      int maxRetries, Optional<Duration> taskTimeout, List<TaskSpec> tasks,
                      Map<String, String> environment) {

    public JobSpec {
        tasks = List.copyOf(tasks);
        environment = Map.copyOf(environment);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one task");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("Retries must be 0 or more.");
        }
    }

    /** The same job, its tasks run with {@code env}. */
    public JobSpec withEnvironment(Map<String, String> env) {
        return new JobSpec(name, renderer, scene, outputDir, maxRetries, taskTimeout, tasks, env);
    }
}

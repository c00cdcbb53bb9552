package io.batchrender.job;

import java.util.List;
import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * One task of a {@link Job}, in Batch's "add task" shape
 * (https://learn.microsoft.com/rest/api/batchservice/task/add), or the job's preparation or release
 * task (https://learn.microsoft.com/rest/api/batchservice/job/add#jobpreparationtask). Two fields are
 * ours, not Batch's: {@code frames} (for display and the watcher) and {@code requiredOutputs}.
 *
 * @param id              unique in the job, ignoring case ({@link TaskIds})
 * @param displayName     for people; may be empty
 * @param command         what it runs
 * @param environment     its {@code environmentSettings}, on top of the job's common ones
 * @param resourceFiles   fetched into the working folder before the command starts
 * @param outputFiles     uploaded after it ends
 * @param dependsOn       tasks that must succeed first
 * @param constraints     its retries and wall-clock limit; empty parts: the job's
 * @param frames          the frames it renders, in order; empty for a task that renders none
 * @param requiredOutputs how many files a successful attempt must leave in its output folder
 *                        ({@link Command#OUTPUT_DIR}); 0: not checked. A render that exits 0 having
 *                        written fewer images (a layer or camera that failed) is a failure.
 * @param waitForSuccess  for a job preparation task: tasks start only after it succeeded (Batch's default)
 * @param extra           Batch fields this model does not carry, as JSON ({@code exitConditions},
 *                        {@code userIdentity}, {@code containerSettings}...): sent as they are by Azure, named
 *                        as left aside by the local farm; {@link BatchFields#NONE} when there are none
 */
public record Task(String id, String displayName, Command command, Map<String, String> environment,
                   List<ResourceFile> resourceFiles, List<OutputFile> outputFiles, DependsOn dependsOn,
                   Constraints constraints, List<Integer> frames, int requiredOutputs, boolean waitForSuccess,
                   BatchFields extra) {

    public Task {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a task needs an id");
        }
        displayName = displayName == null ? "" : displayName;
        dependsOn = dependsOn == null ? DependsOn.NONE : dependsOn; // absent in stored JSON
        constraints = constraints == null ? Constraints.NONE : constraints;
        extra = extra == null ? BatchFields.NONE : extra;
        environment = environment == null ? Map.of() : environment;
        resourceFiles = resourceFiles == null ? List.of() : resourceFiles;
        outputFiles = outputFiles == null ? List.of() : outputFiles;
        frames = frames == null ? List.of() : frames;
        environment = ImmutableMap.copyOf(environment); // keeps the order given, for stable previews
        resourceFiles = List.copyOf(resourceFiles);
        outputFiles = List.copyOf(outputFiles);
        frames = List.copyOf(frames);
        if (requiredOutputs < 0) {
            throw new IllegalArgumentException("requiredOutputs must be 0 or more");
        }
    }

    /** A task that runs {@code command} and nothing else around it. */
    public static Task of(String id, Command command) {
        return new Task(id, "", command, Map.of(), List.of(), List.of(), DependsOn.NONE, Constraints.NONE, List.of(),
                0, true, BatchFields.NONE);
    }

    public Task withFrames(List<Integer> frames, int requiredOutputs) {
        return new Task(id, displayName, command, environment, resourceFiles, outputFiles, dependsOn, constraints, frames,
                requiredOutputs, waitForSuccess, extra);
    }

    public Task withFiles(List<ResourceFile> resources, List<OutputFile> outputs) {
        return new Task(id, displayName, command, environment, resources, outputs, dependsOn, constraints, frames,
                requiredOutputs, waitForSuccess, extra);
    }

    public Task withConstraints(Constraints c) {
        return new Task(id, displayName, command, environment, resourceFiles, outputFiles, dependsOn, c, frames,
                requiredOutputs, waitForSuccess, extra);
    }

    public Task withEnvironment(Map<String, String> env) {
        return new Task(id, displayName, command, env, resourceFiles, outputFiles, dependsOn, constraints, frames,
                requiredOutputs, waitForSuccess, extra);
    }

    public Task withDependsOn(DependsOn deps) {
        return new Task(id, displayName, command, environment, resourceFiles, outputFiles, deps, constraints, frames,
                requiredOutputs, waitForSuccess, extra);
    }

    public Task withDisplayName(String name) {
        return new Task(id, name, command, environment, resourceFiles, outputFiles, dependsOn, constraints, frames,
                requiredOutputs, waitForSuccess, extra);
    }

    public Task withWaitForSuccess(boolean wait) {
        return new Task(id, displayName, command, environment, resourceFiles, outputFiles, dependsOn, constraints, frames,
                requiredOutputs, wait, extra);
    }

    public Task withExtra(BatchFields fields) {
        return new Task(id, displayName, command, environment, resourceFiles, outputFiles, dependsOn, constraints, frames,
                requiredOutputs, waitForSuccess, fields);
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.JobSpec;
import io.batchrender.farm.TaskSpec;
import io.batchrender.job.BatchFields;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.DependsOn;
import io.batchrender.job.Job;
import io.batchrender.job.Origin;
import io.batchrender.job.OutputFile;
import io.batchrender.job.Task;
import io.batchrender.render.TaskCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scene task of the local farm in the job model, as the scene compiler makes it for this
 * workstation: the renderer as a program and arguments writing into {@link Command#OUTPUT_DIR} (the
 * attempt's {@code <working folder>/images}), the frames and how many images they must leave, and
 * those images published into the job's output folder. Used to bring the rows of an older
 * {@code farm.db} to the one row format, and by {@link LocalFarm#submit(JobSpec)} until the scene
 * compiler takes its place.
 */
final class SceneTasks {

    /** The images an attempt leaves, published into the job's output folder under their names below {@code images/}. */
    static final OutputFile IMAGES = new OutputFile(TaskAttempt.IMAGES + "/**/*", OutputFile.Destination.jobOutputFolder(""),
            OutputFile.UploadCondition.TASK_SUCCESS);

    private SceneTasks() {
    }

    static Task of(String id, List<Integer> frames, TaskCommand command, int retries, Optional<Duration> timeout) {
        // TaskCommand.OUTPUT_DIR and Command.OUTPUT_DIR are the same text: the arguments stay as they are
        return new Task(id, "", new Command.Call(command.program(), command.args()), Map.of(), List.of(), List.of(IMAGES),
                DependsOn.NONE, Constraints.of(retries, timeout), frames, command.minOutputFiles(), true, BatchFields.NONE);
    }

    static Job of(JobSpec spec) {
        List<Task> tasks = spec.tasks().stream()
                .map((TaskSpec t) -> of(t.id(), t.frames(), t.command(), spec.maxRetries(), spec.taskTimeout())).toList();
        return new Job("", spec.name(), new Origin(spec.scene().isPresent() ? Origin.Kind.SCENE : Origin.Kind.COMMAND, spec.renderer(), spec.scene()), 0, Constraints.NONE,
                Optional.empty(), Optional.empty(), spec.environment(), tasks, spec.outputDir(), Map.of(), List.of(),
                BatchFields.NONE);
    }
}

package io.batchrender.farm.local;

import io.batchrender.job.BatchFields;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.DependsOn;
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
 * those images published into the job's output folder: what {@code compile.SceneCompiler} makes
 * for this workstation. Used to bring the scene rows of an older {@code farm.db} to the one row
 * format ({@link JobRowsMigration}).
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
}

package io.batchrender.farm.local;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskOutputs;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local farm's outputs: the files each successful attempt published into the job's output
 * folder, as its {@link OutputManifest} lists them.
 */
public final class LocalTaskOutputs implements TaskOutputs {

    private final StateHome home;
    private final RenderFarm farm;

    public LocalTaskOutputs(StateHome home, RenderFarm farm) {
        this.home = home;
        this.farm = farm;
    }

    @Override
    public List<OutputFile> list(String jobId, TaskInfo task) throws IOException {
        if (task.state() != TaskState.COMPLETED || task.result().orElse(null) != TaskResult.SUCCESS || task.attempts() < 1) {
            return List.of();
        }
        return OutputManifest.read(task.id(), AttemptFiles.of(home, jobId, task.id(), task.attempts()).manifest());
    }

    @Override
    public InputStream open(String jobId, OutputFile file) throws IOException {
        Path dir = outputDir(jobId);
        Path source = dir.resolve(file.name()).normalize();
        if (!source.startsWith(dir)) {
            throw new IOException("output " + file.name() + " is outside the job's folder " + dir);
        }
        return Files.newInputStream(source);
    }

    /** Where the job's finished outputs are, on this workstation. */
    public Path outputDir(String jobId) {
        JobInfo job = farm.job(jobId).orElseThrow(() -> JobDatabase.unknownJob(jobId));
        return job.outputDir().toAbsolutePath().normalize();
    }

}

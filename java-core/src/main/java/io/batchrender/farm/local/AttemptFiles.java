package io.batchrender.farm.local;

import io.batchrender.settings.StateHome;
import java.nio.file.Path;

/** Where one attempt of a task keeps its logs, its working folder and the outputs it writes before they are published. */
record AttemptFiles(Path dir) {

    static AttemptFiles of(StateHome home, String jobId, String taskId, int attempt) {
        return new AttemptFiles(taskDir(home, jobId, taskId).resolve("attempt-" + attempt));
    }

    static Path taskDir(StateHome home, String jobId, String taskId) {
        return home.jobDir(jobId).resolve("tasks").resolve(taskId);
    }

    Path stdout() {
        return dir.resolve("stdout.txt");
    }

    Path stderr() {
        return dir.resolve("stderr.txt");
    }

    /** The list of files this attempt published, when it succeeded. */
    Path manifest() {
        return dir.resolve(OutputManifest.FILE);
    }

    /** The folder the command writes its outputs to ({@code Command.OUTPUT_DIR}): {@code wd/images}. */
    Path images() {
        return dir.resolve("wd").resolve(TaskAttempt.IMAGES);
    }
}

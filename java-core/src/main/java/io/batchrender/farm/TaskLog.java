package io.batchrender.farm;

import java.nio.file.Path;

/** Where one attempt of a task wrote its standard output and error. */
public record TaskLog(String jobId, String taskId, int attempt, Path stdout, Path stderr) {
}

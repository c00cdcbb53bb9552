package io.batchrender.farm.local;

/** A task the database says is running, with the process that ran it when it was recorded. */
record RunningTaskRow(String jobId, String taskId, int attempt, long pid, long pidStartMs) {
}

package io.batchrender.farm;

/** How many of a job's tasks are in each state. */
public record TaskCounts(int active, int running, int succeeded, int failed) {
    public int completed() {
        return succeeded + failed;
    }

    public int total() {
        return active + running + succeeded + failed;
    }
}

package io.batchrender.cli;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskInfo;
import io.batchrender.frames.FrameChunk;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The plain-text forms of jobs and tasks for people at a terminal. */
final class TextViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private TextViews() {
    }

    static String state(JobInfo job) {
        if (job.state() != io.batchrender.farm.JobState.COMPLETED) {
            return job.state().wire();
        }
        return job.succeeded() ? "completed" : "completed (" + job.counts().failed() + " failed)";
    }

    static String progress(TaskCounts c) {
        return c.completed() + "/" + c.total() + " done, " + c.running() + " running"
                + (c.failed() > 0 ? ", " + c.failed() + " failed" : "");
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String frames(TaskInfo t) {
        return t.frames().isEmpty() ? "-" : new FrameChunk(t.frames()).toSpec();
    }

    static String taskState(TaskInfo t) {
        return t.result().map(r -> t.state().wire() + " " + r.wire()).orElse(t.state().wire());
    }

    static String elapsed(TaskInfo t) {
        if (t.startTime().isEmpty()) {
            return "";
        }
        Duration d = Duration.between(t.startTime().get(), t.endTime().orElse(Instant.now()));
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : d.toMillis() / 100 / 10.0 + "s";
    }
}

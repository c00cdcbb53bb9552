package io.batchrender.cli;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskCounts;
import java.io.PrintWriter;

/** Follows a job until it ends, drawing a progress bar on the terminal. */
final class JobWaiter {

    private static final int WIDTH = 30;
    private static final long POLL_MS = 100;

    private final RenderFarm farm;
    private final PrintWriter err;
    private final boolean show;
    private final boolean terminal = System.console() != null;

    JobWaiter(RenderFarm farm, PrintWriter err, boolean show) {
        this.farm = farm;
        this.err = err;
        this.show = show;
    }

    JobInfo await(String jobId) {
        String last = "";
        long start = System.currentTimeMillis();
        while (true) {
            JobInfo job = farm.job(jobId).orElseThrow(() -> new FarmException("Job " + jobId + " was deleted while it ran."));
            if (show) {
                String line = bar(job.counts(), System.currentTimeMillis() - start);
                String withoutTime = line.replaceAll("\\s+\\d+s$", "");
                if (terminal) {
                    err.print("\r" + line);
                    err.flush();
                } else if (!withoutTime.equals(last)) {
                    err.println(line);
                }
                last = withoutTime;
            }
            if (job.state() == JobState.COMPLETED) {
                if (show && terminal) {
                    err.println();
                }
                return job;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    static String bar(TaskCounts c, long elapsedMs) {
        int total = Math.max(1, c.total());
        int filled = (int) ((long) c.completed() * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + TextViews.progress(c)
                + "  " + elapsedMs / 1000 + "s";
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.JobInfo;
import java.util.List;

/**
 * A template job stored on the local farm.
 *
 * @param job     the job as stored (its id is the template's own when that was a valid, free Batch id)
 * @param ignored one line per Azure-only property the local farm leaves aside, and per warning
 *                (a program that is not on this workstation, a container the local store lacks)
 */
public record TemplateSubmission(JobInfo job, List<String> ignored) {
    public TemplateSubmission {
        ignored = List.copyOf(ignored);
    }
}

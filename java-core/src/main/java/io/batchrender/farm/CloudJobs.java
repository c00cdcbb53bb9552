package io.batchrender.farm;

import java.util.List;

/**
 * A farm whose jobs take {@link AzureJobSettings} beyond the {@link JobSpec} (Azure Batch): the
 * pool, where assets come from and outputs go, the tasks' environment. Asked for with
 * {@link RenderFarm#cloudJobs()}; the submit service uses it to sync a scene's asset project
 * first and name the job before it exists (its output container carries the name).
 */
public interface CloudJobs {

    /** What the service would refuse in this job on this pool, one line each, found without sending anything. */
    List<String> preflight(JobSpec spec, PoolChoice pool);

    /** Throws a {@link FarmException} with the first of {@link #preflight}'s problems. */
    void requirePreflight(JobSpec spec, PoolChoice pool);

    /** A new job id for a job named {@code name} (unique, valid on the service). */
    String jobIdFor(String name);

    /** Submits under the given id; a failure leaves no job behind. */
    JobInfo submit(JobSpec spec, AzureJobSettings settings, String jobId);

    /** Submits under a new id ({@link #jobIdFor}). */
    JobInfo submit(JobSpec spec, AzureJobSettings settings);
}

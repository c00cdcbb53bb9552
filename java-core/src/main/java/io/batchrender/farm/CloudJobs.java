package io.batchrender.farm;

import com.google.gson.JsonObject;
import io.batchrender.job.Job;
import io.batchrender.storage.azure.AzureBlobStore;
import java.util.List;
import java.util.function.Supplier;

/**
 * A farm whose jobs take {@link AzureJobSettings} beyond the {@link Job} (Azure Batch): the pool,
 * where assets come from and outputs go, the tasks' environment. Asked for with
 * {@link RenderFarm#cloudJobs()}; the submit service uses it to sync a scene's asset project
 * first and name the job before it exists (its output container carries the name).
 */
public interface CloudJobs {

    /** What the service would refuse in this job on this pool, one line each, found without sending anything. */
    List<String> preflight(Job spec, PoolChoice pool);

    /** Throws a {@link FarmException} with the first of {@link #preflight}'s problems. */
    void requirePreflight(Job spec, PoolChoice pool);

    /** A new job id for a job named {@code name} (unique, valid on the service). */
    String jobIdFor(String name);

    /** Submits under a new id ({@link #jobIdFor}), or the job's own. */
    Submitted submit(Job spec, AzureJobSettings settings);

    /**
     * Submits as job {@code jobId}; a failure leaves no job behind.
     *
     * @param store our storage account, opened only when the job names one of its containers
     */
    Submitted submit(Job spec, AzureJobSettings settings, String jobId, Supplier<AzureBlobStore> store);

    /** What {@link #submit(Job, AzureJobSettings, String, Supplier)} would send, secrets masked, creating nothing. */
    JsonObject preview(Job spec, AzureJobSettings settings, String jobId);
}

package io.batchrender.farm.azure;

import com.google.gson.JsonObject;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import io.batchrender.farm.FarmException;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.TaskShell;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Runs an expanded job template ({@link ExpandedJob}, the Batch REST shape) on Azure Batch:
 * <ol>
 *   <li>checks it before anything is made: retired features ({@link TemplateChecks}), every field
 *       one the 2024-07-01.20.0 API takes ({@link SdkBodies}), the file groups it reads exist in our
 *       storage, its pool exists;</li>
 *   <li>points file groups at our storage ({@link TemplateFileGroups}): resource files read through
 *       a read+list SAS of their container, outputs written through a write SAS of their file
 *       group's container (created when missing);</li>
 *   <li>creates the job ({@code usesTaskDependencies} when a task has {@code dependsOn}) with
 *       {@code onAllTasksComplete: noaction}, adds the tasks 100 per request through
 *       {@link TaskSubmitter}, then sets the template's {@code onAllTasksComplete} (a job with no
 *       tasks yet would end at once). If adding tasks fails the job is deleted again: a
 *       half-submitted job never runs.</li>
 * </ol>
 *
 * <pre>{@code
 * try (AzureBlobStore store = (AzureBlobStore) AssetStores.open(home, env, Optional.of("azure"))) {
 *     TemplateSubmission s = new AzureTemplateJobs(farm, store).submit(expandedJob);
 *     s.jobId(); s.notes();
 * }
 * }</pre>
 */
public final class AzureTemplateJobs {

    /** Job metadata holding a token of this submission, to recognise our own job after a lost answer. */
    static final String META_SUBMISSION = BatchRequests.META_SUBMISSION;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AzureFarm farm;
    private final java.util.function.Supplier<AzureBlobStore> store;

    /**
     * @param farm  the Batch account to submit to
     * @param store our storage account, where the template's file groups are; null when none is
     *              configured (a template with file groups is then refused before anything is made)
     */
    public AzureTemplateJobs(AzureFarm farm, AzureBlobStore store) {
        this(farm, () -> store);
    }

    /**
     * Opens our storage account only when the template uses a file group: a template without file
     * groups runs with no storage account configured.
     *
     * @param store opens the storage account; gives null, or throws a one-line error, when none is configured
     */
    public static AzureTemplateJobs openingStore(AzureFarm farm, java.util.function.Supplier<AzureBlobStore> store) {
        return new AzureTemplateJobs(farm, store);
    }

    private AzureTemplateJobs(AzureFarm farm, java.util.function.Supplier<AzureBlobStore> store) {
        this.farm = farm;
        this.store = store;
    }

    /**
     * Submits {@code expanded}.
     *
     * @throws UnsupportedTemplateException when the template cannot run on Azure Batch as written
     *                                      (nothing was created)
     * @throws FarmException                when Batch refuses it (JobExists, PoolNotFound, a task refused, ...)
     * @throws io.batchrender.storage.StorageException when storage cannot be reached or cannot sign a SAS
     */
    public TemplateSubmission submit(ExpandedJob expanded) {
        if (!SAFE_ID.matcher(expanded.id()).matches()) {
            throw new UnsupportedTemplateException("'" + expanded.id() + "' is not a Batch job id: letters, digits, - and _, up to 64.");
        }
        return new TemplateSubmission(expanded.id(), new JobSender(farm, store).send(expanded.job(), expanded.tasks(), true));
    }
}

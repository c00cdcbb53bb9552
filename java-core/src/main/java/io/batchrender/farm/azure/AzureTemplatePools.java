package io.batchrender.farm.azure;

import com.google.gson.JsonObject;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import io.batchrender.farm.FarmException;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.templates.ExpandedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates a pool from an expanded pool template ({@link ExpandedPool}, the body of Batch's "add
 * pool"): every field the 2024-07-01.20.0 API has is sent as the template gives it (vmSize,
 * virtualMachineConfiguration with its image and nodeAgentSKUId, target node counts or an
 * autoscale formula, startTask, taskSlotsPerNode, ...). Retired images and licenses, and fields
 * the API does not have, are refused before anything is made; a start task's file-group resource
 * files read through a read+list SAS of their container in our storage.
 *
 * <pre>{@code
 * String poolId = new AzureTemplatePools(farm, store).create(expandedPool);
 * }</pre>
 */
public final class AzureTemplatePools {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final BatchClient client;
    private final java.util.function.Supplier<AzureBlobStore> store;
    private final BatchAccount account;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param farm  the Batch account
     * @param store our storage account, for file groups a start task reads; null when none is configured
     */
    public AzureTemplatePools(AzureFarm farm, AzureBlobStore store) {
        this(farm, () -> store);
    }

    /**
     * Opens our storage account only when the template uses a file group: a template without file
     * groups runs with no storage account configured.
     *
     * @param store opens the storage account; gives null, or throws a one-line error, when none is configured
     */
    public static AzureTemplatePools openingStore(AzureFarm farm, java.util.function.Supplier<AzureBlobStore> store) {
        return new AzureTemplatePools(farm, store);
    }

    private AzureTemplatePools(AzureFarm farm, java.util.function.Supplier<AzureBlobStore> store) {
        this.client = farm.client();
        this.account = farm.account();
        this.store = store;
    }

    /**
     * Creates the pool; returns its id.
     *
     * @throws UnsupportedTemplateException when the template cannot run on Azure Batch as written (nothing was created)
     * @throws FarmException                when Batch refuses it (PoolExists, a quota, ...)
     */
    public String create(ExpandedPool expanded) {
        JsonObject pool = expanded.pool();
        String id = pool.has("id") && pool.get("id").isJsonPrimitive() ? pool.get("id").getAsString() : "";
        String where = "pool " + id;
        if (!SAFE_ID.matcher(id).matches()) {
            throw new UnsupportedTemplateException("'" + id + "' is not a Batch pool id: letters, digits, - and _, up to 64.");
        }
        AzurePreflight.imageAuthentication(account, pool).ifPresent(p -> {
            throw new UnsupportedTemplateException(where + ": " + p);
        });
        List<String> found = new ArrayList<>();
        TemplateStorage storage = new TemplateStorage(store);
        TemplateChecks.check(pool, where, found);
        TemplateFileGroups.Refs refs = TemplateFileGroups.Refs.empty();
        TemplateFileGroups.scan(pool, where, refs);
        if (!refs.outputs().isEmpty()) {
            throw new UnsupportedTemplateException(where + ": a start task cannot upload output files; move them to a task.");
        }
        storage.check(refs, where);
        if (!refs.isEmpty()) {
            TemplateFileGroups.rewrite(pool, where, storage.readUrls(), storage.writeUrls());
        }
        PoolAddParameter add = SdkBodies.convert(pool, PoolAddParameter.class, "add pool", where);
        PoolCreation.create(client, add, e -> new FarmException("A pool with id " + id + " already exists on the Batch"
                + " account: run jobs on it as it is, give the template another pool id, or delete it with 'batchrender pool"
                + " delete " + id + " --farm azure'.", e));
        synchronized (notes) {
            notes.clear();
            notes.addAll(found);
            if (!refs.isEmpty()) {
                storage.describe(refs, List.of(), notes);
                notes.add("The start task reads through a SAS that ends in " + io.batchrender.storage.azure.ContainerSas
                        .DEFAULT_LIFETIME.toDays() + " days: nodes that start after that cannot fetch its files;"
                        + " create the pool again from the template then.");
            }
        }
        return id;
    }

    /** What the last {@link #create} changed or used on the way (renamed legacy fields, containers read), one line each. */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }
}

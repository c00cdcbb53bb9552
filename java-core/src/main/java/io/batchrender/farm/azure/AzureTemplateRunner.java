package io.batchrender.farm.azure;

import io.batchrender.farm.TemplateRunner;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.FileGroupFiles;
import io.batchrender.templates.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Templates on Azure Batch: file groups in Azure Blob Storage mapped to SAS URLs ({@link AzureTemplateJobs}). */
final class AzureTemplateRunner implements TemplateRunner {

    private final AzureFarm farm;
    private final StateHome home;
    private final Map<String, String> env;
    private AzureBlobStore store;

    AzureTemplateRunner(AzureFarm farm, StateHome home, Map<String, String> env) {
        this.farm = farm;
        this.home = home;
        this.env = Map.copyOf(env);
    }

    @Override
    public FileGroupFiles files() {
        return (container, prefix) -> new AzureFileGroupFiles(store()).list(container, prefix).stream()
                .map(f -> new SourceFile(f.name(), f.url())).toList();
    }

    @Override
    public Submitted submit(ExpandedJob job) {
        TemplateSubmission s = AzureTemplateJobs.openingStore(farm, this::store).submit(job);
        return new Submitted(s.jobId(), s.notes());
    }

    @Override
    public Submitted createPool(ExpandedPool pool) {
        return new Submitted(AzureTemplatePools.openingStore(farm, this::store).create(pool), List.of());
    }

    private AzureBlobStore store() {
        if (store == null) {
            store = AzureStores.open(home, env, "");
        }
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}

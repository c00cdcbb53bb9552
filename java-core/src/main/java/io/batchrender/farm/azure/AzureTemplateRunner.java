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

/** Templates on Azure Batch: jobs compiled ({@link io.batchrender.compile.TemplateCompiler}) and sent as any job, file groups in Azure Blob Storage mapped to SAS URLs ({@link JobSender}). */
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
        return submit(farm, this::store, job);
    }

    /**
     * {@code job} compiled ({@link io.batchrender.compile.TemplateCompiler}) and sent as any job is
     * ({@link AzureFarm#submit(io.batchrender.job.Job, AzureJobSettings, String, java.util.function.Supplier)});
     * {@code store} opens our storage account when the job names a file group.
     */
    static Submitted submit(AzureFarm farm, java.util.function.Supplier<AzureBlobStore> store, ExpandedJob job) {
        com.google.gson.JsonObject body = job.job();
        List<com.google.gson.JsonObject> tasks = job.tasks();
        List<String> notes = new java.util.ArrayList<>(TemplateChecks.checkTemplate(body, tasks)); // legacy names first
        io.batchrender.job.Job compiled;
        try {
            compiled = io.batchrender.compile.TemplateCompiler.compile(new ExpandedJob(body, tasks));
        } catch (io.batchrender.render.RenderSetupException e) {
            throw new UnsupportedTemplateException(e.getMessage());
        }
        if (compiled.id().isEmpty()) {
            throw new UnsupportedTemplateException("'" + job.id() + "' is not a Batch job id: letters, digits, - and _, up to 64.");
        }
        io.batchrender.farm.Submitted s = farm.submit(compiled, farm.defaults(), compiled.id(), store);
        notes.addAll(s.notes());
        return new Submitted(s.job().id(), notes);
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

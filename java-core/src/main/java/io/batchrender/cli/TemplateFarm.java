package io.batchrender.cli;

import io.batchrender.compile.TemplateCompiler;
import io.batchrender.farm.RenderFarm;
import io.batchrender.job.Job;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.azure.AzureFileGroupFiles;
import io.batchrender.farm.azure.AzureTemplateJobs;
import io.batchrender.farm.azure.AzureTemplatePools;
import io.batchrender.farm.local.LocalFarm;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.local.LocalBlobStore;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.FileGroupFiles;
import io.batchrender.templates.JobTemplates;
import io.batchrender.templates.ParameterValues;
import io.batchrender.templates.SourceFile;
import io.batchrender.templates.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The farm a template runs on, with the store its file groups live in: the local farm with the
 * local store, or Azure Batch with Azure Blob Storage. Opened by {@code template run} and
 * {@code template pool}; the store is opened only when a command needs it.
 */
final class TemplateFarm implements AutoCloseable {

    /** What a submission made (a job id, or a pool id) and what the user should know about it. */
    record Submitted(String id, List<String> notes) {
    }

    private final Cli cli;
    private final boolean azure;
    private RenderFarm farm;
    private AssetStore store;

    private TemplateFarm(Cli cli, boolean azure) {
        this.cli = cli;
        this.azure = azure;
    }

    /** The farm {@code name} names; it and its store are opened when first needed (a dry run may need neither). */
    static TemplateFarm open(Cli cli, String name) {
        if (!name.equals("local") && !name.equals("azure")) {
            throw new UsageException("--farm " + name + " is not a farm: use local or azure.");
        }
        return new TemplateFarm(cli, name.equals("azure"));
    }

    RenderFarm farm() {
        if (farm == null) {
            farm = cli.farm(azure ? "azure" : "local");
        }
        return farm;
    }

    /** What to add to a follow-up command for this farm. */
    String farmFlag() {
        return azure ? " --farm azure" : "";
    }

    /** The job with its parameters applied; {@code taskPerFile} lists this farm's store. */
    ExpandedJob expand(Template template, ParameterValues values) {
        return JobTemplates.expand(template, values, files());
    }

    Submitted submit(ExpandedJob job) {
        if (azure) {
            var s = AzureTemplateJobs.openingStore((AzureFarm) farm(), this::azureStore).submit(job);
            return new Submitted(s.jobId(), s.notes());
        }
        Job compiled = TemplateCompiler.compile(job);
        // the tasks run with the submitter's environment under the job's commonEnvironmentSettings
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(cli.env);
        env.putAll(compiled.environment());
        var s = ((LocalFarm) farm()).submit(compiled.withEnvironment(env));
        return new Submitted(s.job().id(), s.notes());
    }

    Submitted createPool(ExpandedPool pool) {
        if (azure) {
            return new Submitted(AzureTemplatePools.openingStore((AzureFarm) farm(), this::azureStore).create(pool), List.of());
        }
        List<String> notes = new ArrayList<>();
        notes.add("this workstation has one pool, 'local', with one slot per core: nothing was created, and the"
                + " template's Azure properties (" + String.join(", ", pool.pool().keySet()) + ") are ignored;"
                + " set how many tasks run at once with 'batchrender pool resize local N'.");
        return new Submitted("local", notes);
    }

    /** Lists the farm's store, opened only when a {@code taskPerFile} factory asks. */
    private FileGroupFiles files() {
        if (azure) {
            return (container, prefix) -> new AzureFileGroupFiles(azureStore()).list(container, prefix).stream()
                    .map(f -> new SourceFile(f.name(), f.url())).toList();
        }
        return (container, prefix) -> FileGroupFiles.ofLocalStore(localStore()).list(container, prefix);
    }

    private LocalBlobStore localStore() {
        if (store == null) {
            store = AssetStores.open(cli.home, cli.env, Optional.of(AssetStores.LOCAL));
        }
        return (LocalBlobStore) store;
    }

    private AzureBlobStore azureStore() {
        if (store == null) {
            try {
                store = AssetStores.open(cli.home, cli.env, Optional.of(AssetStores.AZURE));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return (AzureBlobStore) store;
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (farm != null) {
                farm.close();
            }
        }
    }
}

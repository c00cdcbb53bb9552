package io.batchrender.farm.local;

import io.batchrender.farm.TemplateRunner;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.FileGroupFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Templates on this workstation: file groups in the local store, jobs compiled ({@link io.batchrender.compile.TemplateCompiler}) and run as any job. */
final class LocalTemplateRunner implements TemplateRunner {

    private final LocalFarm farm;
    private final StateHome home;
    private final Map<String, String> env;
    private AssetStore store;

    LocalTemplateRunner(LocalFarm farm, StateHome home, Map<String, String> env) {
        this.farm = farm;
        this.home = home;
        this.env = Map.copyOf(env);
    }

    @Override
    public FileGroupFiles files() {
        return (container, prefix) -> FileGroupFiles.ofLocalStore((io.batchrender.storage.local.LocalBlobStore) store())
                .list(container, prefix);
    }

    @Override
    public Submitted submit(ExpandedJob job) {
        io.batchrender.job.Job compiled = io.batchrender.compile.TemplateCompiler.compile(job);
        // the tasks run with the submitter's environment under the job's commonEnvironmentSettings
        Map<String, String> withSubmitter = new java.util.LinkedHashMap<>(env);
        withSubmitter.putAll(compiled.environment());
        io.batchrender.farm.Submitted s = farm.submit(compiled.withEnvironment(withSubmitter));
        return new Submitted(s.job().id(), s.notes());
    }

    @Override
    public Submitted createPool(ExpandedPool pool) {
        return new Submitted("local", List.of("this workstation has one pool, 'local', with one slot per core: nothing was"
                + " created, and the template's Azure properties (" + String.join(", ", pool.pool().keySet()) + ") are"
                + " ignored; set how many tasks run at once with 'batchrender pool resize local N'."));
    }

    private AssetStore store() {
        if (store == null) {
            store = AssetStores.open(home, env, Optional.of(AssetStores.LOCAL));
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

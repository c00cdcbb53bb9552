package io.batchrender.cli;

import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncProgress;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.submit.AzureSubmission;
import io.batchrender.compile.SceneCompiler;
import java.util.Optional;

/**
 * {@code submit --farm azure SCENE} without {@code --assets-url}: the scene and its files are synced
 * to an asset project in the Azure store, the job gets its own output container, and the upload's
 * progress is shown on stderr.
 */
final class AzureSceneSubmit {

    private AzureSceneSubmit() {
    }

    /** What {@link #run} would send, uploading and creating nothing. */
    static com.google.gson.JsonObject preview(AzureFarm farm, SceneCompiler.Compiled prepared, AzureSubmitOptions azure) {
        AzureSubmission.Request request = AzureSubmission.Request.of(prepared, Optional.ofNullable(azure.assetProject),
                azure.settings(prepared.job().scene()));
        return AzureSubmission.preview(farm, request, AzureFarm.newJobId(prepared.job().displayName()));
    }

    static AzureSubmission.Result run(Cli cli, AzureFarm farm, SceneCompiler.Compiled prepared, AzureSubmitOptions azure,
                                      boolean json) {
        if (azure.outputUrl != null) {
            throw new UsageException("--output-url goes with --assets-url; without them the job gets its own output"
                    + " container in the Azure store: leave --output-url out.");
        }
        AssetStore opened;
        try {
            opened = AssetStores.open(cli.home, cli.env, Optional.of(AssetStores.AZURE));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (the scene and its files go to Azure Storage; or give --assets-url)");
        }
        try (AssetStore store = opened; HashCache cache = AssetStores.hashCache(cli.home)) {
            AzureSubmission.Request request = AzureSubmission.Request.of(prepared, Optional.ofNullable(azure.assetProject),
                    azure.settings(prepared.job().scene()));
            if (!json) {
                cli.err.println("Uploading " + request.upload().files().size() + " file(s) to asset project "
                        + request.project() + " in " + store.describe() + ".");
            }
            SyncProgressView view = new SyncProgressView(cli.err, System.console() != null);
            AzureSubmission.Listener listener = new AzureSubmission.Listener() {
                @Override
                public void upload(SyncProgress progress) {
                    if (!json) {
                        view.onProgress(progress);
                    }
                }

                @Override
                public void step(String message) {
                    if (!json) {
                        cli.err.println(message);
                    }
                }
            };
            AzureSubmission.Result r = new AzureSubmission(farm, (AzureBlobStore) store, cache, SyncOptions.defaults())
                    .submit(request, listener, new Cancellation());
            if (!json) {
                cli.err.println("Asset project " + r.assetProject() + ": " + r.sync().uploaded() + " file(s) uploaded ("
                        + SyncProgressView.bytes(r.sync().bytesUploaded()) + "), " + r.sync().skipped() + " unchanged.");
            }
            return r;
        }
    }
}

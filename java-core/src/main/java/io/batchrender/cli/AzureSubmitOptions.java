package io.batchrender.cli;

import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.LicenseServer;
import io.batchrender.farm.PoolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.batchrender.submit.CloudChoices;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code submit --farm azure} takes beyond a local submit: the pool, storage URLs, the tasks' environment. */
final class AzureSubmitOptions {

    @Option(names = "--pool", paramLabel = "ID", description = "Azure: run on this existing pool (default: an auto-pool for the job).")
    String pool;

    @Option(names = "--new-pool", paramLabel = "ID", description = "Azure: create this persistent pool and run on it.")
    String newPool;

    @Mixin
    AzurePoolOptions poolOptions = new AzurePoolOptions();

    @Option(names = "--assets-url", paramLabel = "SAS_URL", description = "Azure: read SAS URL of the asset project's container.")
    String assetsUrl;

    @Option(names = "--assets-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Azure: only the asset blobs under this prefix.")
    String assetsPrefix = "";

    @Option(names = "--scene-blob", paramLabel = "NAME",
            description = "Azure: the scene's blob name in the asset container (default: the scene's file name).")
    String sceneBlob;

    @Option(names = "--output-url", paramLabel = "SAS_URL",
            description = "Azure: write SAS URL of the container the outputs (images/, logs/, thumbs/) go to.")
    String outputUrl;

    @Option(names = "--asset-project", paramLabel = "NAME",
            description = "Azure: the asset project the scene and its files are synced to (default: the Maya project's"
                    + " folder name, else the scene's name). Not used with --assets-url.")
    String assetProject;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Azure: a variable for every task (repeatable; AZ_BATCH_* are the service's and ignored).")
    List<String> env = new ArrayList<>();

    @Option(names = "--license", paramLabel = "PRODUCT=SERVER",
            description = "Azure: a license server the nodes reach: autodesk=27000@lic (ADSKFLEX_LICENSE_FILE), vray=..., redshift=..., or VAR=value.")
    List<String> licenses = new ArrayList<>();

    @Option(names = "--limit-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Azure: upload the scene's files at most this many bytes per second over all connections"
                    + " (500k, 20M), leaving bandwidth for the studio; 0: no limit (default).")
    String limitRate;

    /** What these options add to a submission; {@code sceneJob}: a scene is rendered (not a --command). */
    CloudChoices choices(boolean sceneJob) {
        if (sceneJob && assetsUrl == null && outputUrl != null) {
            throw new UsageException("--output-url goes with --assets-url; without them the job gets its own output"
                    + " container in the Azure store: leave --output-url out.");
        }
        long rate;
        try {
            rate = io.batchrender.storage.RateLimit.parse(limitRate);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--limit-rate: " + e.getMessage());
        }
        return CloudChoices.of(settings(), Optional.ofNullable(assetProject)).withUploadRate(rate);
    }

    private AzureJobSettings settings() {
        if (pool != null && newPool != null) {
            throw new UsageException("Give --pool (an existing pool) or --new-pool (a new one), not both.");
        }
        PoolChoice choice = pool != null ? new PoolChoice.Existing(pool)
                : newPool != null ? new PoolChoice.NewPool(poolOptions.spec(newPool))
                : new PoolChoice.AutoPool(poolOptions.spec(""));
        List<LicenseServer> servers = new ArrayList<>();
        for (String l : licenses) {
            String[] kv = pair(l, "--license");
            servers.add(new LicenseServer(kv[0], kv[1]));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String e : env) {
            String[] kv = pair(e, "--env");
            vars.put(kv[0], kv[1]);
        }
        AzureJobSettings s = AzureJobSettings.on(choice).withEnvironment(servers, vars);
        if (assetsUrl != null) {
            s = s.withAssets(assetsUrl, assetsPrefix);
        }
        if (outputUrl != null) {
            s = s.withOutputContainerUrl(outputUrl);
        }
        if (sceneBlob != null) {
            s = s.withSceneBlob(sceneBlob); // else the scene's file name (SubmitService)
        }
        return s;
    }

    private static String[] pair(String s, String option) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new UsageException(option + " " + s + " is not NAME=VALUE.");
        }
        return new String[] {s.substring(0, eq), s.substring(eq + 1)};
    }

}

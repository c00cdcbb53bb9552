package io.batchrender.bridge;

import com.google.gson.JsonObject;
import io.batchrender.farm.Farms;
import io.batchrender.farm.RenderFarm;
import io.batchrender.settings.BatchSettings;
import io.batchrender.settings.StateHome;
import io.batchrender.settings.StorageSettings;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.azure.AzureStorageConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Azure accounts as the panel's Config tab sees them: saved into the core's secret store
 * ({@code batch.json} and {@code storage.json} in the state folder, 0600, written atomically),
 * shown back without any secret (only whether one is set, and where it comes from), and checked
 * against the services themselves (Batch: list pools; Storage: list containers).
 */
final class AzureAccounts {

    private static final Logger LOG = Logger.getLogger(AzureAccounts.class.getName());

    static final Set<String> FIELDS = Set.of("batchUrl", "batchAccount", "batchKey", "batchAuthMode", "storageAccount", "storageKey",
            "storageSasToken", "storageConnectionString", "storageEndpoint");

    private final StateHome home;
    private final Map<String, String> env;
    private final Farms farms;

    AzureAccounts(StateHome home, Map<String, String> env, Farms farms) {
        this.home = home;
        this.env = env;
        this.farms = farms;
    }

    /** What is set, never a secret: names and URLs, whether each secret is set and where from. */
    JsonObject view() {
        BatchSettings batch = BatchSettings.load(home);
        StorageSettings storage = StorageSettings.load(home);
        JsonObject b = new JsonObject();
        b.addProperty("url", effective(batch.values(), BatchSettings.ENDPOINT).orElse(""));
        b.addProperty("account", effective(batch.values(), BatchSettings.ACCOUNT).orElse(""));
        b.addProperty("key", source(batch.values(), BatchSettings.ACCESS_KEY));
        b.addProperty("auth", farms.azureSignIn());
        JsonObject s = new JsonObject();
        s.addProperty("store", storage.store());
        s.addProperty("account", effective(storage.azure(), AzureStorageConfig.ENV_ACCOUNT).orElse(""));
        s.addProperty("endpoint", effective(storage.azure(), AzureStorageConfig.ENV_ENDPOINT).orElse(""));
        s.addProperty("key", source(storage.azure(), AzureStorageConfig.ENV_KEY));
        s.addProperty("sasToken", source(storage.azure(), AzureStorageConfig.ENV_SAS));
        s.addProperty("connectionString", source(storage.azure(), AzureStorageConfig.ENV_CONNECTION_STRING));
        String auth;
        try {
            auth = AzureStorageConfig.fromEnvironment(env, storage.azure()).auth().name();
        } catch (IllegalArgumentException none) {
            auth = "none";
        }
        s.addProperty("auth", auth);
        JsonObject o = new JsonObject();
        o.add("batch", b);
        o.add("storage", s);
        o.addProperty("secretStore", home.dir().toString());
        return o;
    }

    /**
     * Saves what the request holds (a field left out is kept; an empty string removes it). A new
     * Storage key drops a saved SAS and the other way round; a connection string replaces the rest.
     */
    JsonObject save(String json) {
        Requests r = Requests.parse(json, "Azure settings", FIELDS);
        BatchSettings batch = BatchSettings.load(home);
        boolean batchChanged = false;
        for (String[] f : new String[][] {{"batchUrl", BatchSettings.ENDPOINT}, {"batchAccount", BatchSettings.ACCOUNT},
            {"batchKey", BatchSettings.ACCESS_KEY}, {"batchAuthMode", BatchSettings.AUTH_MODE}}) {
            Optional<String> v = r.string(f[0]);
            if (v.isPresent()) {
                batch = batch.with(f[1], v.get());
                batchChanged = true;
            }
        }
        if (batchChanged) {
            batch.save(home);
        }
        StorageSettings storage = StorageSettings.load(home);
        Map<String, String> az = new LinkedHashMap<>(storage.azure());
        boolean storageChanged = false;
        Optional<String> cs = r.string("storageConnectionString");
        if (cs.isPresent()) {
            storageChanged = true;
            if (!cs.get().isBlank()) {
                az.clear();
            }
            put(az, AzureStorageConfig.ENV_CONNECTION_STRING, cs.get());
        }
        Optional<String> account = r.string("storageAccount");
        if (account.isPresent()) {
            storageChanged = true;
            if (!account.get().isBlank() && !account.get().strip().equals(az.get(AzureStorageConfig.ENV_ACCOUNT))) {
                az.remove(AzureStorageConfig.ENV_CONNECTION_STRING);
            }
            put(az, AzureStorageConfig.ENV_ACCOUNT, account.get());
        }
        Optional<String> key = r.string("storageKey");
        if (key.isPresent()) {
            storageChanged = true;
            if (!key.get().isBlank()) {
                az.remove(AzureStorageConfig.ENV_SAS);
                az.remove(AzureStorageConfig.ENV_CONNECTION_STRING);
            }
            put(az, AzureStorageConfig.ENV_KEY, key.get());
        }
        Optional<String> sas = r.string("storageSasToken");
        if (sas.isPresent()) {
            storageChanged = true;
            if (!sas.get().isBlank()) {
                az.remove(AzureStorageConfig.ENV_KEY);
                az.remove(AzureStorageConfig.ENV_CONNECTION_STRING);
            }
            put(az, AzureStorageConfig.ENV_SAS, sas.get());
        }
        Optional<String> endpoint = r.string("storageEndpoint");
        if (endpoint.isPresent()) {
            storageChanged = true;
            put(az, AzureStorageConfig.ENV_ENDPOINT, endpoint.get());
        }
        if (storageChanged) {
            new StorageSettings(storage.store(), az).save(home);
        }
        LOG.info("Azure settings saved: " + batch + ", storage " + az.keySet());
        return view();
    }

    /**
     * Asks both services whether they accept the saved accounts: Batch lists its pools, Storage
     * lists its containers. {@code authenticated} only when both answer.
     */
    JsonObject authenticate(OperationContext ctx) {
        ctx.progress(0, 2, "Asking Azure Batch.");
        JsonObject batch = check(() -> {
            try (RenderFarm farm = farms.azure()) {
                int n = farm.pools().size();
                return n + " pool(s)";
            }
        });
        ctx.checkCancelled();
        ctx.progress(1, 2, "Asking Azure Storage.");
        JsonObject storage = check(() -> {
            try (AssetStore store = AssetStores.open(home, env, Optional.of(AssetStores.AZURE))) {
                int n = store.containers("").size();
                return n + " container(s) in " + store.describe();
            }
        });
        boolean ok = batch.get("authenticated").getAsBoolean() && storage.get("authenticated").getAsBoolean();
        JsonObject o = new JsonObject();
        o.addProperty("farm", Farms.AZURE);
        o.addProperty("authenticated", ok);
        o.addProperty("message", ok ? "Authenticated" : reasons(batch, storage));
        o.add("batch", batch);
        o.add("storage", storage);
        return o;
    }

    private static String reasons(JsonObject batch, JsonObject storage) {
        StringBuilder b = new StringBuilder();
        if (!batch.get("authenticated").getAsBoolean()) {
            b.append("Batch: ").append(batch.get("message").getAsString());
        }
        if (!storage.get("authenticated").getAsBoolean()) {
            b.append(b.length() > 0 ? " · " : "").append("Storage: ").append(storage.get("message").getAsString());
        }
        return b.toString();
    }

    private static JsonObject check(java.util.concurrent.Callable<String> call) {
        JsonObject o = new JsonObject();
        try {
            o.addProperty("detail", call.call());
            o.addProperty("authenticated", true);
            o.addProperty("message", "Authenticated");
        } catch (Exception e) {
            LOG.log(Level.FINE, "authentication check failed", e);
            BridgeError err = Errors.of(e);
            o.addProperty("authenticated", false);
            o.addProperty("message", err.message() + serviceSaid(e).map(x -> " (the service said " + x + ")").orElse("")
                    + (err.hint().isBlank() ? "" : ": " + err.hint()));
            o.addProperty("code", err.code());
        }
        return o;
    }

    /** The Batch service's own code and first line of its message, when the failure carries them. */
    static Optional<String> serviceSaid(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.microsoft.azure.batch.protocol.models.BatchErrorException be && be.body() != null) {
                String code = be.body().code() == null ? "" : be.body().code();
                String text = be.body().message() == null || be.body().message().value() == null ? ""
                        : be.body().message().value().lines().findFirst().orElse("");
                return Optional.of(code + (text.isEmpty() ? "" : ": " + text)).filter(x -> !x.isBlank());
            }
        }
        return Optional.empty();
    }

    private Optional<String> effective(Map<String, String> saved, String name) {
        String e = env.get(name);
        return e != null && !e.isBlank() ? Optional.of(e) : Optional.ofNullable(saved.get(name));
    }

    /** {@code "environment"}, {@code "saved"} or {@code "unset"}: never the secret itself. */
    private String source(Map<String, String> saved, String name) {
        String e = env.get(name);
        if (e != null && !e.isBlank()) {
            return "environment";
        }
        return saved.containsKey(name) ? "saved" : "unset";
    }

    private static void put(Map<String, String> m, String name, String value) {
        if (value == null || value.isBlank()) {
            m.remove(name);
        } else {
            m.put(name, value.strip());
        }
    }
}

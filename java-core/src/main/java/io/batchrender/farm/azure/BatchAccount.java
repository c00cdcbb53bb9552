package io.batchrender.farm.azure;

import io.batchrender.farm.FarmException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom the farm talks to Azure Batch: the account URL, its name and either a shared
 * key or, without one, Microsoft Entra ID (a token from azure-identity, see {@link EntraBatchCredentials}).
 * The key never appears in {@link #toString()} or in a log line.
 */
public record BatchAccount(String url, String name, Optional<String> key) {

    public static final String ENDPOINT = "AZURE_BATCH_ENDPOINT";
    public static final String ACCOUNT = "AZURE_BATCH_ACCOUNT";
    public static final String ACCESS_KEY = "AZURE_BATCH_ACCESS_KEY";
    /** The Azure CLI's auth mode: {@code shared_key}, or {@code aad} (also {@code entra}) for Entra ID. */
    public static final String AUTH_MODE = "AZURE_BATCH_AUTH_MODE";

    public BatchAccount {
        key = key.map(String::strip).filter(k -> !k.isEmpty());
        if (url == null || url.isBlank() || name == null || name.isBlank()) {
            throw new FarmException("The Batch account needs a URL and a name: set " + ENDPOINT + " and " + ACCOUNT + ".");
        }
        url = url.strip();
        if (!url.contains("://")) {
            url = "https://" + url; // the Azure CLI accepts the bare host name
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }

    /** An account signed with a shared key. */
    public BatchAccount(String url, String name, String key) {
        this(url, name, Optional.ofNullable(key));
        if (this.key.isEmpty()) {
            throw new FarmException("The Batch account's key is empty: set " + ACCESS_KEY + ".");
        }
    }

    /** An account reached with Microsoft Entra ID (no shared key). */
    public static BatchAccount entraId(String url, String name) {
        return new BatchAccount(url, name, Optional.empty());
    }

    /** Whether requests carry an Entra ID bearer token rather than a SharedKey signature. */
    public boolean usesEntraId() {
        return key.isEmpty();
    }

    /**
     * The account from the Azure CLI's variables: a key when one is set (unless
     * {@code AZURE_BATCH_AUTH_MODE} says {@code aad}), else Entra ID; a one-line error naming what is missing.
     */
    public static BatchAccount fromEnvironment(Map<String, String> env) {
        List<String> missing = missing(env);
        if (!missing.isEmpty()) {
            throw new FarmException("The Azure farm needs your Batch account: set " + String.join(", ", missing)
                    + " (the Azure CLI's names; the portal shows them under the Batch account's Keys)"
                    + (missing.contains(ACCESS_KEY) ? ", or only " + ENDPOINT + " to sign in with Microsoft Entra ID" : "")
                    + ".");
        }
        String url = env.get(ENDPOINT);
        if (entra(env)) {
            return entraId(url, value(env, ACCOUNT).orElseGet(() -> nameFromUrl(url)));
        }
        return new BatchAccount(url, env.get(ACCOUNT), env.get(ACCESS_KEY));
    }

    /**
     * The variables that must still be set: always the URL; the name and key when the account
     * is signed with a shared key (a key is given, or the auth mode says {@code shared_key}).
     */
    public static List<String> missing(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        if (value(env, ENDPOINT).isEmpty()) {
            missing.add(ENDPOINT);
        }
        if (!entra(env)) {
            if (value(env, ACCOUNT).isEmpty()) {
                missing.add(ACCOUNT);
            }
            if (value(env, ACCESS_KEY).isEmpty()) {
                missing.add(ACCESS_KEY);
            }
        }
        return missing;
    }

    private static boolean entra(Map<String, String> env) {
        String mode = value(env, AUTH_MODE).map(m -> m.toLowerCase(Locale.ROOT)).orElse("");
        if (!mode.isEmpty() && !List.of("aad", "entra", "entra_id", "entraid", "shared_key", "sharedkey", "key").contains(mode)) {
            throw new FarmException(AUTH_MODE + "=" + mode + " is not an auth mode: use shared_key or aad (Microsoft Entra ID).");
        }
        if (mode.startsWith("aad") || mode.startsWith("entra")) {
            return true;
        }
        return mode.isEmpty() && value(env, ACCESS_KEY).isEmpty() && value(env, ENDPOINT).isPresent();
    }

    /** {@code acct} of {@code https://acct.westeurope.batch.azure.com}: the name is only shown with Entra ID. */
    static String nameFromUrl(String url) {
        String u = url.strip().contains("://") ? url.strip() : "https://" + url.strip();
        String host = Optional.ofNullable(URI.create(u).getHost()).orElse(u);
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : host;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "BatchAccount[" + name + " at " + url + (usesEntraId() ? ", Entra ID" : ", shared key") + "]";
    }
}

package io.batchrender.storage.azure;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach an Azure Storage account, and as whom. One of, in this order of preference:
 * <ol>
 *   <li>a connection string ({@code AZURE_STORAGE_CONNECTION_STRING}): account key or SAS inside, or Azurite's;</li>
 *   <li>account + shared key ({@code AZURE_STORAGE_ACCOUNT}, {@code AZURE_STORAGE_KEY});</li>
 *   <li>account + SAS token ({@code AZURE_STORAGE_ACCOUNT}, {@code AZURE_STORAGE_SAS_TOKEN});</li>
 *   <li>account alone: Entra ID through {@code DefaultAzureCredential} (az login, managed identity,
 *       {@code AZURE_CLIENT_ID}/{@code AZURE_TENANT_ID}/{@code AZURE_CLIENT_SECRET}, ...).</li>
 * </ol>
 * {@code AZURE_STORAGE_BLOB_ENDPOINT} overrides {@code https://<account>.blob.core.windows.net}
 * (sovereign clouds, private endpoints). {@link #toString()} never shows a secret.
 */
public record AzureStorageConfig(Optional<String> connectionString, Optional<String> account, Optional<String> key,
                                 Optional<String> sasToken, Optional<String> endpoint) {

    public static final String ENV_CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
    public static final String ENV_ACCOUNT = "AZURE_STORAGE_ACCOUNT";
    public static final String ENV_KEY = "AZURE_STORAGE_KEY";
    public static final String ENV_SAS = "AZURE_STORAGE_SAS_TOKEN";
    public static final String ENV_ENDPOINT = "AZURE_STORAGE_BLOB_ENDPOINT";

    /** How the store signs its requests. */
    public enum Auth { CONNECTION_STRING, SHARED_KEY, SAS, ENTRA_ID }

    public AzureStorageConfig {
        connectionString = blankToEmpty(connectionString);
        account = blankToEmpty(account);
        key = blankToEmpty(key);
        sasToken = blankToEmpty(sasToken).map(s -> s.startsWith("?") ? s.substring(1) : s);
        endpoint = blankToEmpty(endpoint).map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
    }

    /** From the environment variables above; settings (a file) fill what the environment leaves unset. */
    public static AzureStorageConfig fromEnvironment(Map<String, String> env, Map<String, String> settings) {
        return new AzureStorageConfig(pick(env, settings, ENV_CONNECTION_STRING), pick(env, settings, ENV_ACCOUNT),
                pick(env, settings, ENV_KEY), pick(env, settings, ENV_SAS), pick(env, settings, ENV_ENDPOINT));
    }

    public static AzureStorageConfig ofConnectionString(String connectionString) {
        return new AzureStorageConfig(Optional.of(connectionString), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * @throws IllegalArgumentException when neither a connection string nor an account is given
     */
    public Auth auth() {
        if (connectionString.isPresent()) {
            return Auth.CONNECTION_STRING;
        }
        if (account.isEmpty()) {
            throw new IllegalArgumentException("no Azure Storage account: set " + ENV_CONNECTION_STRING + ", or " + ENV_ACCOUNT
                    + " with " + ENV_KEY + " or " + ENV_SAS + " (or sign in with 'az login' for Entra ID)");
        }
        if (key.isPresent()) {
            return Auth.SHARED_KEY;
        }
        return sasToken.isPresent() ? Auth.SAS : Auth.ENTRA_ID;
    }

    /** The blob endpoint when it follows from the account (empty for a connection string, which holds its own). */
    public Optional<String> blobEndpoint() {
        return endpoint.or(() -> account.map(a -> "https://" + a + ".blob.core.windows.net"));
    }

    @Override
    public String toString() {
        String auth;
        try {
            auth = auth().name();
        } catch (IllegalArgumentException e) {
            auth = "none";
        }
        return "AzureStorageConfig[account=" + account.orElse("(from connection string)") + ", auth=" + auth
                + ", endpoint=" + endpoint.orElse("(default)") + "]";
    }

    private static Optional<String> pick(Map<String, String> env, Map<String, String> settings, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = settings.get(name);
        }
        return Optional.ofNullable(v);
    }

    private static Optional<String> blankToEmpty(Optional<String> v) {
        return v.map(String::strip).filter(s -> !s.isEmpty());
    }
}

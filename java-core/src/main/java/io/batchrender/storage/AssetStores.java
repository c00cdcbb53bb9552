package io.batchrender.storage;

import io.batchrender.sqlite.SqliteNativeLibrary;
import io.batchrender.settings.StateHome;
import io.batchrender.settings.StorageSettings;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzureStorageConfig;
import io.batchrender.storage.local.LocalBlobStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the store the user chose: {@code local} (a folder in the state folder, the default) or
 * {@code azure} (credentials from the environment, then {@code storage.json}). What the CLI and
 * the bridge both use, so they agree.
 */
public final class AssetStores {

    public static final String LOCAL = "local";
    public static final String AZURE = "azure";

    private AssetStores() {
    }

    /**
     * @param kind {@code local} or {@code azure}; empty for what the settings file says (local when none)
     * @throws IllegalArgumentException for an unknown kind or Azure without an account
     */
    public static AssetStore open(StateHome home, Map<String, String> env, Optional<String> kind) {
        StorageSettings settings = StorageSettings.load(home);
        String chosen = kind.orElse(settings.store());
        return switch (chosen) {
            case LOCAL -> {
                SqliteNativeLibrary.useCopyIn(home.dir().resolve("lib"));
                yield LocalBlobStore.open(localRoot(home));
            }
            case AZURE -> AzureBlobStore.connect(AzureStorageConfig.fromEnvironment(env, settings.azure()));
            default -> throw new IllegalArgumentException("unknown store '" + chosen + "': use --store local or --store azure");
        };
    }

    /** Where the local store keeps its blobs. */
    public static Path localRoot(StateHome home) {
        return home.dir().resolve("storage").resolve("local");
    }

    /** The hash cache every sync of this user shares. */
    public static HashCache hashCache(StateHome home) {
        home.ensure();
        SqliteNativeLibrary.useCopyIn(home.dir().resolve("lib"));
        return HashCache.open(home.dir().resolve("storage").resolve("hash-cache.db"));
    }
}

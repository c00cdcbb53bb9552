package io.batchrender.cli;

import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --store local|azure}, shared by the storage commands. */
final class StoreOption {

    @Option(names = "--store", paramLabel = "local|azure",
            description = "Where asset projects live (default: the 'store' in storage.json, else local).")
    String store;

    AssetStore open(Cli cli) {
        try {
            return AssetStores.open(cli.home, cli.env, Optional.ofNullable(store));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

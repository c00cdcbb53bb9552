package io.batchrender.cli;

import picocli.CommandLine.Option;

/** {@code --farm local|azure}: which farm a command talks to (default: this workstation). */
final class FarmOption {

    @Option(names = "--farm", paramLabel = "local|azure", defaultValue = "local",
            description = "local (this workstation, the default) or azure (Azure Batch: set AZURE_BATCH_ENDPOINT,"
                    + " AZURE_BATCH_ACCOUNT and AZURE_BATCH_ACCESS_KEY).")
    String name = "local";
}

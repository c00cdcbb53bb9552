package io.batchrender.cli;

import io.batchrender.settings.StorageSettings;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.azure.AzureStorageConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "storage", mixinStandardHelpOptions = true,
        description = "Show or choose where asset projects live (storage.json in the state folder, readable by you only).",
        subcommands = {StorageCommand.Show.class, StorageCommand.Use.class})
final class StorageCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the chosen store (never a secret).")
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            StorageSettings s = StorageSettings.load(cli.home);
            cli.out.println("store    " + s.store());
            if (s.store().equals(AssetStores.AZURE)) {
                cli.out.println("azure    " + AzureStorageConfig.fromEnvironment(cli.env, s.azure()));
            } else {
                cli.out.println("folder   " + AssetStores.localRoot(cli.home));
            }
            return 0;
        }
    }

    @Command(name = "use", mixinStandardHelpOptions = true,
            description = {"Choose the store. Secrets are read from standard input, never from the command line:",
                "  echo \"$KEY\" | batchrender storage use azure --account NAME --key-stdin"})
    static final class Use implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "local|azure", description = "The store.")
        String store;

        @Option(names = "--account", paramLabel = "NAME", description = "Azure Storage account (alone: sign in with Entra ID).")
        String account;

        @Option(names = "--endpoint", paramLabel = "URL", description = "Blob endpoint, when not https://NAME.blob.core.windows.net.")
        String endpoint;

        @Option(names = "--key-stdin", description = "Read the account key from standard input.")
        boolean keyStdin;

        @Option(names = "--sas-stdin", description = "Read a SAS token from standard input.")
        boolean sasStdin;

        @Option(names = "--connection-string-stdin", description = "Read a connection string from standard input.")
        boolean connectionStringStdin;

        Use(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException {
            if (!store.equals(AssetStores.LOCAL) && !store.equals(AssetStores.AZURE)) {
                throw new UsageException("unknown store '" + store + "': use 'local' or 'azure'");
            }
            int secrets = (keyStdin ? 1 : 0) + (sasStdin ? 1 : 0) + (connectionStringStdin ? 1 : 0);
            if (secrets > 1) {
                throw new UsageException("give one of --key-stdin, --sas-stdin, --connection-string-stdin");
            }
            Map<String, String> azure = new LinkedHashMap<>(StorageSettings.load(cli.home).azure());
            if (store.equals(AssetStores.AZURE)) {
                if (account != null || connectionStringStdin) {
                    azure.clear();
                }
                if (account != null) {
                    azure.put(AzureStorageConfig.ENV_ACCOUNT, account);
                }
                if (endpoint != null) {
                    azure.put(AzureStorageConfig.ENV_ENDPOINT, endpoint);
                }
                if (secrets == 1) {
                    String secret = readSecret();
                    azure.put(keyStdin ? AzureStorageConfig.ENV_KEY : sasStdin ? AzureStorageConfig.ENV_SAS
                            : AzureStorageConfig.ENV_CONNECTION_STRING, secret);
                }
                try {
                    AzureStorageConfig.fromEnvironment(cli.env, azure).auth();
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            new StorageSettings(store, azure).save(cli.home);
            cli.out.println("Asset projects now go to the " + store + " store (" + cli.home.dir().resolve(StorageSettings.FILE) + ")");
            return 0;
        }

        private static String readSecret() throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                throw new UsageException("nothing on standard input: pipe the secret in, e.g. echo \"$KEY\" | batchrender ...");
            }
            return line.strip();
        }
    }
}

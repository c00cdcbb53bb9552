package io.batchrender.cli;

import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.storage.azure.AzuriteServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in this JVM against the Batch double and real Azurite, as an artist's shell would with the Azure
 * variables set: the machine's environment less its own AZURE_ and BATCHRENDER_ variables, a state folder of the test's.
 */
final class AzureCliRun {

    record Result(int code, String out, String err) {
    }

    private AzureCliRun() {
    }

    static Result run(Path state, BatchDouble batch, AzuriteServer azurite, String... args) {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("AZURE_") && !k.startsWith("BATCHRENDER_")) {
                env.put(k, v);
            }
        });
        env.put("BATCHRENDER_HOME", state.toString());
        env.put("AZURE_BATCH_ENDPOINT", batch.url());
        env.put("AZURE_BATCH_ACCOUNT", batch.account());
        env.put("AZURE_BATCH_ACCESS_KEY", batch.key());
        env.put("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}

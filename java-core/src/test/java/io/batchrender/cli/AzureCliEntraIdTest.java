package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --farm azure} with an endpoint and no key signs in with Entra ID; with nothing to sign in with, one line says how. */
class AzureCliEntraIdTest {

    @TempDir
    Path tmp;

    @Test
    void anEndpointWithoutAKeyAndNoSignInIsOneLineSayingWhatToDo() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BATCHRENDER_HOME", tmp.resolve("state").toString());
        env.put("AZURE_BATCH_ENDPOINT", "http://127.0.0.1:9"); // never reached: no token, no request
        env.remove("AZURE_BATCH_ACCOUNT");
        env.remove("AZURE_BATCH_ACCESS_KEY");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"pools", "--farm", "azure"}, env, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(1, code);
        assertEquals("error: Cannot sign in to Azure Batch with Microsoft Entra ID: run 'az login', set AZURE_TENANT_ID,"
                + " AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal, run on a VM with a managed identity,"
                + " or set AZURE_BATCH_ACCESS_KEY to use the account's key.\n", err.toString());
    }
}

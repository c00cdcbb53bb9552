package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Batch account saved with its URL and no key is an Entra ID account: the Config tab's check
 * goes through azure-identity's DefaultAzureCredential. Nothing here can sign in (no Azure CLI
 * login, no service principal, no managed identity), so it must say how to, having sent nothing.
 */
class AzureAccountsEntraIdTest {

    @TempDir
    Path dir;

    @Test
    void aUrlWithoutAKeyIsEntraIdAndItsCheckSaysHowToSignIn() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(dir.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start()) {
            StateHome home = StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", dir.resolve("state").toString()));
            Map<String, String> env = Map.of();
            io.batchrender.farm.Farms farms = new io.batchrender.farm.Farms(home, env);
            AzureAccounts accounts = new AzureAccounts(home, env, farms);

            JsonObject view = accounts.save("{\"batchUrl\": \"" + batch.url() + "\"}");
            assertEquals("entraId", view.getAsJsonObject("batch").get("auth").getAsString());
            assertEquals("unset", view.getAsJsonObject("batch").get("key").getAsString());

            JsonObject checked = accounts.authenticate(new OperationContext() {
                @Override
                public void progress(long done, long total, String message) {
                }

                @Override
                public boolean cancelRequested() {
                    return false;
                }
            });
            JsonObject b = checked.getAsJsonObject("batch");
            assertFalse(b.get("authenticated").getAsBoolean());
            // the bridge shows the part after the last ": " as the hint, capitalised
            assertEquals("Cannot sign in to Azure Batch with Microsoft Entra ID: Run 'az login', set AZURE_TENANT_ID,"
                    + " AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal, run on a VM with a managed identity,"
                    + " or set AZURE_BATCH_ACCESS_KEY to use the account's key.", b.get("message").getAsString());
            assertEquals(0, batch.requestCount(), "no request without a token");

            // a key saved later is used instead
            view = accounts.save("{\"batchAccount\": \"" + batch.account() + "\", \"batchKey\": \"" + batch.key() + "\"}");
            assertEquals("sharedKey", view.getAsJsonObject("batch").get("auth").getAsString());
            try (var farm = farms.azure()) {
                assertTrue(farm.pools().isEmpty());
            }
            assertEquals(0, batch.bearerRequestCount());
        }
    }
}

package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.settings.BatchSettings;
import io.batchrender.settings.StateHome;
import io.batchrender.settings.StorageSettings;
import io.batchrender.storage.azure.AzureStorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Azure accounts the panel saves: where they go, what is shown back, which secret wins. */
class AzureAccountsTest {

    @TempDir
    Path dir;

    private AzureAccounts accounts(Map<String, String> env) {
        StateHome home = StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", dir.toString()));
        io.batchrender.farm.Farms farms = new io.batchrender.farm.Farms(home, env);
        return new AzureAccounts(home, env, farms);
    }

    @Test
    void secretsGoToPrivateFilesAndAreNeverShownBack() throws Exception {
        JsonObject view = accounts(Map.of()).save("{\"batchUrl\": \"acct.westeurope.batch.azure.com\", \"batchAccount\": "
                + "\"acct\", \"batchKey\": \"BATCH-SECRET\", \"storageAccount\": \"store\", \"storageKey\": \"STORE-SECRET\"}");
        assertFalse(view.toString().contains("SECRET"), view.toString());
        assertEquals("saved", view.getAsJsonObject("batch").get("key").getAsString());
        assertEquals("SHARED_KEY", view.getAsJsonObject("storage").get("auth").getAsString());
        for (String f : new String[] {BatchSettings.FILE, StorageSettings.FILE}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))));
        }
        assertTrue(Files.readString(dir.resolve(BatchSettings.FILE)).contains("BATCH-SECRET"));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
        // a field left out is kept; an empty one removes it
        accounts(Map.of()).save("{\"batchUrl\": \"https://other.batch.azure.com\"}");
        StateHome home = StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", dir.toString()));
        assertEquals("BATCH-SECRET", BatchSettings.load(home).value(BatchSettings.ACCESS_KEY).orElseThrow());
        accounts(Map.of()).save("{\"batchKey\": \"\"}");
        assertTrue(BatchSettings.load(home).value(BatchSettings.ACCESS_KEY).isEmpty());
        assertEquals("unset", accounts(Map.of()).view().getAsJsonObject("batch").get("key").getAsString());
    }

    @Test
    void aNewStorageSecretReplacesTheOtherKindSoTheOneTypedIsTheOneUsed() {
        StateHome home = StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", dir.toString()));
        accounts(Map.of()).save("{\"storageAccount\": \"store\", \"storageKey\": \"K\"}");
        accounts(Map.of()).save("{\"storageSasToken\": \"?sv=1&sig=S\"}");
        Map<String, String> az = StorageSettings.load(home).azure();
        assertEquals(Map.of(AzureStorageConfig.ENV_ACCOUNT, "store", AzureStorageConfig.ENV_SAS, "?sv=1&sig=S"), az);
        accounts(Map.of()).save("{\"storageConnectionString\": \"UseDevelopmentStorage=true\"}");
        assertEquals(Map.of(AzureStorageConfig.ENV_CONNECTION_STRING, "UseDevelopmentStorage=true"),
                StorageSettings.load(home).azure());
        assertEquals("CONNECTION_STRING", accounts(Map.of()).view().getAsJsonObject("storage").get("auth").getAsString());
    }

    @Test
    void theEnvironmentWinsAndTheViewSaysSo() {
        accounts(Map.of()).save("{\"batchUrl\": \"https://a.batch.azure.com\", \"batchAccount\": \"a\", \"batchKey\": \"K\"}");
        JsonObject b = accounts(Map.of(BatchSettings.ACCESS_KEY, "ENV-KEY", BatchSettings.ACCOUNT, "envacct"))
                .view().getAsJsonObject("batch");
        assertEquals("environment", b.get("key").getAsString());
        assertEquals("envacct", b.get("account").getAsString());
        StateHome home = StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", dir.toString()));
        assertEquals("ENV-KEY", BatchSettings.load(home).under(Map.of(BatchSettings.ACCESS_KEY, "ENV-KEY"))
                .get(BatchSettings.ACCESS_KEY));
    }

    @Test
    void unknownFieldsAndFarmsAreBadRequests() {
        BridgeException e = assertThrows(BridgeException.class, () -> accounts(Map.of()).save("{\"batchkey\": \"x\"}"));
        assertEquals(BridgeError.BAD_REQUEST, e.error().code());
        assertTrue(e.error().hint().contains("batchKey"));
        assertEquals(BridgeError.BAD_REQUEST, Errors.of(assertThrows(RuntimeException.class,
                () -> io.batchrender.farm.Farms.name("moon"))).code());
        assertEquals("local", io.batchrender.farm.Farms.name(""));
    }

    @Test
    void theAzureFarmBeforeAnyAccountNamesWhatToEnter() {
        BridgeError e = Errors.of(assertThrows(RuntimeException.class, () -> new io.batchrender.farm.Farms(
                StateHome.fromEnvironment(Map.of("BATCHRENDER_HOME", dir.toString())), Map.of()).azure()));
        assertEquals(BridgeError.NOT_CONFIGURED, e.code());
        assertEquals("The Batch account's URL, name, key is not set", e.message());
        assertTrue(e.hint().startsWith("Enter it on the Config tab"), e.hint());
    }
}

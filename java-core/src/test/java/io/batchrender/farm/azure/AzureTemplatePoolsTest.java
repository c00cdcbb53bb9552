package io.batchrender.farm.azure;

import static io.batchrender.farm.azure.HistoricalTemplates.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import io.batchrender.templates.ExpandedPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pool templates onto the Batch double: the pool arrives with every field the template gives. */
class AzureTemplatePoolsTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    private BatchDouble batch;
    private AzureBlobStore store;
    private AzureFarm farm;

    @BeforeEach
    void start() throws Exception {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
        store = AZURITE.store();
        farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
    }

    @AfterEach
    void stop() {
        batch.close();
        store.close();
    }

    @Test
    void theRestExamplesPoolArrivesWithEveryField() throws Exception {
        JsonObject example = HistoricalTemplates.restExample("PoolAdd_VirtualMachineConfiguration.json", "pool");

        String id = new AzureTemplatePools(farm, null).create(new ExpandedPool(example));

        assertEquals("pool2", id);
        JsonObject p = batch.poolBody("pool2").orElseThrow();
        // every value as the example file gives it
        assertEquals("standard_a1", p.get("vmSize").getAsString());
        assertEquals("{\"imageReference\":{\"publisher\":\"Canonical\",\"offer\":\"0001-com-ubuntu-server-focal\",\"sku\":\"20_04-lts\"},"
                + "\"nodeAgentSKUId\":\"batch.node.ubuntu 20.04\"}", p.get("virtualMachineConfiguration").toString());
        assertEquals("PT15M", p.get("resizeTimeout").getAsString());
        assertEquals(5, p.get("targetDedicatedNodes").getAsInt());
        assertEquals(0, p.get("targetLowPriorityNodes").getAsInt());
        assertEquals(3, p.get("taskSlotsPerNode").getAsInt());
        assertEquals("spread", p.getAsJsonObject("taskSchedulingPolicy").get("nodeFillType").getAsString());
        assertFalse(p.get("enableAutoScale").getAsBoolean());
        assertTrue(p.get("enableInterNodeCommunication").getAsBoolean());
        assertEquals("{\"name\":\"myproperty\",\"value\":\"myvalue\"}", p.getAsJsonArray("metadata").get(0).toString());
        assertEquals(2, p.getAsJsonArray("metadata").size(), "and our creation token, to know our pool after a lost answer");
    }

    @Test
    void theMayaWindowsPoolTemplateRewrittenForTodayArrivesWithItsStartTaskAndAutoscale() throws Exception {
        ExpandedPool historical = HistoricalTemplates.pool("ncj-templates-historical/maya/render-arnold-windows/pool.template.json",
                params("poolName", "maya-win", "nodeSize", "Standard_D4_v2", "dedicatedVmCount", 2, "lowPriorityVmCount", 3));
        JsonObject pool = HistoricalTemplates.withTemplatesStartTaskFiles(historical.pool(),
                "ncj-templates-historical/maya/render-arnold-windows/pool.template.json");
        // what the template has to become since 2024: no licenses, a gallery image with Maya installed
        pool.remove("applicationLicenses");
        pool.add("virtualMachineConfiguration", JsonParser.parseString("""
                {"imageReference": {"virtualMachineImageId":
                  "/subscriptions/0000/resourceGroups/render/providers/Microsoft.Compute/galleries/studio/images/maya2024-win"},
                 "nodeAgentSKUId": "batch.node.windows amd64"}""").getAsJsonObject());
        put("fgrp-pool-setup", "scripts/license.cmd", "set ADSKFLEX_LICENSE_FILE=27000@lic");
        pool.getAsJsonObject("startTask").getAsJsonArray("resourceFiles").add(JsonParser.parseString(
                "{\"autoStorageContainerName\": \"fgrp-pool-setup\", \"blobPrefix\": \"scripts/\"}"));

        AzureFarm signedIn = DoubleFarms.entra(batch, tmp.resolve("state"), "unused"); // gallery images need Entra ID
        AzureTemplatePools pools = new AzureTemplatePools(signedIn, store);
        assertEquals("maya-win", pools.create(new ExpandedPool(pool)));

        JsonObject p = batch.poolBody("maya-win").orElseThrow();
        assertEquals("standard_d4_v2", p.get("vmSize").getAsString(), "the service keeps vm sizes in lower case");
        assertEquals("Maya Arnold rendering pool for Windows", p.get("displayName").getAsString());
        assertEquals(2, p.get("targetDedicatedNodes").getAsInt());
        assertEquals(3, p.get("targetLowPriorityNodes").getAsInt());
        assertEquals("/subscriptions/0000/resourceGroups/render/providers/Microsoft.Compute/galleries/studio/images/maya2024-win",
                p.getAsJsonObject("virtualMachineConfiguration").getAsJsonObject("imageReference").get("virtualMachineImageId")
                        .getAsString());
        JsonObject start = p.getAsJsonObject("startTask");
        assertEquals("cmd.exe /c install-azure-nc-drivers.cmd Standard_D4_v2", start.get("commandLine").getAsString());
        assertTrue(start.get("waitForSuccess").getAsBoolean());
        assertEquals(0, start.get("maxTaskRetryCount").getAsInt());
        assertEquals("admin", start.getAsJsonObject("userIdentity").getAsJsonObject("autoUser").get("elevationLevel").getAsString());
        JsonObject script = start.getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
        assertEquals("https://raw.githubusercontent.com/Azure/BatchExplorer-data/master/ncj/3dsmax/scripts/install-azure-nc-drivers.cmd",
                script.get("httpUrl").getAsString(), "blobSource, renamed");
        assertEquals("install-azure-nc-drivers.cmd", script.get("filePath").getAsString());
        JsonObject setup = start.getAsJsonArray("resourceFiles").get(1).getAsJsonObject();
        assertTrue(setup.get("storageContainerUrl").getAsString().startsWith(store.containerUrl("fgrp-pool-setup") + "?sv="),
                "a read SAS of the file group in our storage");
        assertEquals("scripts/", setup.get("blobPrefix").getAsString());
        assertEquals(List.of("pool maya-win: startTask.resourceFiles[0]: blobSource is now called httpUrl: renamed."),
                pools.notes().subList(0, 1));
        assertTrue(pools.notes().get(1).startsWith("Reads container fgrp-pool-setup in storage account devstoreaccount1"),
                pools.notes().toString());

        JsonObject auto = JsonParser.parseString("""
                {"id": "maya-auto", "vmSize": "standard_d8s_v5",
                 "virtualMachineConfiguration": {"imageReference": {"publisher": "Canonical",
                   "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts"}, "nodeAgentSKUId": "batch.node.ubuntu 22.04"},
                 "enableAutoScale": true, "autoScaleFormula": "$TargetDedicatedNodes = 4;", "autoScaleEvaluationInterval": "PT5M",
                 "taskSlotsPerNode": 4}""").getAsJsonObject();
        new AzureTemplatePools(farm, null).create(new ExpandedPool(auto));
        JsonObject a = batch.poolBody("maya-auto").orElseThrow();
        assertTrue(a.get("enableAutoScale").getAsBoolean());
        assertEquals("$TargetDedicatedNodes = 4;", a.get("autoScaleFormula").getAsString());
        assertEquals("PT5M", a.get("autoScaleEvaluationInterval").getAsString());
        assertEquals(4, a.get("taskSlotsPerNode").getAsInt());
        assertEquals(4, a.get("targetDedicatedNodes").getAsInt(), "the formula, as the double evaluates a literal one");
    }

    @Test
    void anExistingPoolIsOneLine() throws Exception {
        JsonObject example = HistoricalTemplates.restExample("PoolAdd_VirtualMachineConfiguration.json", "pool");
        new AzureTemplatePools(farm, null).create(new ExpandedPool(example));

        FarmException e = assertThrows(FarmException.class, () -> new AzureTemplatePools(farm, null).create(new ExpandedPool(example)));

        assertEquals("A pool with id pool2 already exists on the Batch account: run jobs on it as it is, give the template another"
                + " pool id, or delete it with 'batchrender pool delete pool2 --farm azure'.", e.getMessage());
    }

    private void put(String container, String name, String text) throws Exception {
        store.createContainer(container);
        Path f = java.nio.file.Files.createTempFile(tmp, "blob", ".txt");
        java.nio.file.Files.writeString(f, text);
        store.upload(container, name, f, java.nio.file.Files.size(f), null, n -> { }, new io.batchrender.storage.Cancellation());
    }
}

package io.batchrender.farm.azure;

import static io.batchrender.farm.azure.HistoricalTemplates.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch Explorer's Maya/Arnold pool templates as they were written (2018): what the 2024 API refuses, said in one line. */
class TemplateChecksTest {

    private static final String LINUX_POOL = "ncj-templates-historical/maya/render-arnold-linux/pool.template.json";
    private static final String WINDOWS_POOL = "ncj-templates-historical/maya/render-arnold-windows/pool.template.json";

    private static JsonObject pool(String template) throws Exception {
        return HistoricalTemplates.pool(template, params("poolName", "maya", "nodeSize", "Standard_D4_v2",
                "dedicatedVmCount", 1, "lowPriorityVmCount", 0)).pool();
    }

    @Test
    void payPerUseLicensesAreRetiredAndTheMessageSaysWhatToUse() throws Exception {
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> TemplateChecks.check(pool(LINUX_POOL), "pool maya", new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("pool maya: applicationLicenses: Azure retired pay-per-use licenses"), e.getMessage());
        assertTrue(e.getMessage().contains("ADSKFLEX_LICENSE_FILE"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theRenderingImagesAreRetiredOnLinuxAndWindows() throws Exception {
        for (String[] t : new String[][] {{LINUX_POOL, "batch/rendering-centos73"}, {WINDOWS_POOL, "batch/rendering-windows2016"}}) {
            JsonObject p = pool(t[0]);
            p.remove("applicationLicenses");
            UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                    () -> TemplateChecks.check(p, "pool maya", new ArrayList<>()));
            assertTrue(e.getMessage().startsWith("pool maya: virtualMachineConfiguration: the image " + t[1] + " was retired"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Azure Compute Gallery"), e.getMessage());
        }
    }

    @Test
    void aStartTasksBlobSourceIsRenamedHttpUrlWithANote() throws Exception {
        JsonObject p = HistoricalTemplates.withTemplatesStartTaskFiles(pool(WINDOWS_POOL), WINDOWS_POOL);
        p.remove("applicationLicenses");
        p.add("virtualMachineConfiguration", JsonParser.parseString("{\"imageReference\": {\"virtualMachineImageId\":"
                + " \"/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/maya2024\"},"
                + " \"nodeAgentSKUId\": \"batch.node.windows amd64\"}"));
        List<String> notes = new ArrayList<>();
        TemplateChecks.check(p, "pool maya", notes);
        JsonObject rf = p.getAsJsonObject("startTask").getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
        assertFalse(rf.has("blobSource"));
        // the URL and file path as the template has them
        assertEquals("https://raw.githubusercontent.com/Azure/BatchExplorer-data/master/ncj/3dsmax/scripts/install-azure-nc-drivers.cmd",
                rf.get("httpUrl").getAsString());
        assertEquals("install-azure-nc-drivers.cmd", rf.get("filePath").getAsString());
        assertEquals(List.of("pool maya: startTask.resourceFiles[0]: blobSource is now called httpUrl: renamed."), notes);
    }

    @Test
    void cloudServicePoolsAreRetired() {
        JsonObject p = JsonParser.parseString("{\"id\": \"old\", \"vmSize\": \"small\", \"cloudServiceConfiguration\": {\"osFamily\":"
                + " \"5\"}}").getAsJsonObject();
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> TemplateChecks.check(p, "pool old", new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("pool old: cloudServiceConfiguration: Cloud Services pools were retired"), e.getMessage());
    }

    @Test
    void anAutoPoolInsideAJobIsCheckedToo() {
        JsonObject job = JsonParser.parseString("{\"id\": \"j\", \"poolInfo\": {\"autoPoolSpecification\": {\"poolLifetimeOption\":"
                + " \"job\", \"pool\": {\"vmSize\": \"standard_d4s_v5\", \"applicationLicenses\": [\"vray\"]}}}}").getAsJsonObject();
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> TemplateChecks.check(job, "job j", new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("job j: poolInfo.autoPoolSpecification.pool: applicationLicenses:"), e.getMessage());
    }
}

package io.batchrender.farm.azure;

import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import static io.batchrender.farm.azure.HistoricalTemplates.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.render.TestScenes;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every template shipped in {@code templates/}, expanded with its defaults, is taken by Azure Batch
 * as written: no retired feature, every field one the API has, its file groups read and written
 * through our storage, its pool created with the template's values.
 */
class ShippedTemplatesOnAzureTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    @Test
    void everyShippedJobTemplateIsSubmittedWithItsTasksAndOutputs() throws Exception {
        List<String> jobs;
        try (Stream<Path> dirs = Files.list(TestScenes.repoRoot().resolve("templates"))) {
            jobs = dirs.filter(d -> Files.isRegularFile(d.resolve("job.template.json"))).map(d -> d.getFileName() + "/job.template.json")
                    .sorted().toList();
        }
        assertEquals(10, jobs.size(), "Maya Arnold, V-Ray, Software and Blender Cycles, Eevee, each for Linux and Windows: " + jobs);
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
             AzureBlobStore store = AZURITE.store()) {
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
            store.createContainer("fgrp-shot010");
            int n = 0;
            for (String template : jobs) {
                String jobName = "shipped-" + (n++);
                ExpandedJob job = HistoricalTemplates.shippedJob(template, params("jobName", jobName, "inputData", "shot010",
                        "sceneFile", "scenes/robot.ma", "outputs", "shot010-renders", "vrayLicenseServer", "30304@lic"), 1, 2);
                String pool = job.job().getAsJsonObject("poolInfo").get("poolId").getAsString();
                if (batch.poolBody(pool).isEmpty()) {
                    farm.createPool(new PoolSpec(pool, "standard_d4s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
                }

                TemplateSubmission s = new AzureTemplateJobs(farm, store).submit(job);

                assertEquals(jobName, s.jobId(), template);
                assertEquals(List.of("0", "1"), batch.taskIds(jobName), template);
                assertTrue(s.notes().stream().noneMatch(x -> x.contains("renamed")), template + ": " + s.notes());
                for (String id : List.of("0", "1")) {
                    JsonObject t = batch.taskBody(jobName, id).orElseThrow();
                    assertEquals(job.tasks().get(Integer.parseInt(id)).get("commandLine").getAsString(),
                            t.get("commandLine").getAsString(), template);
                    assertTrue(t.getAsJsonArray("outputFiles").size() > 0, template);
                    for (JsonElement o : t.getAsJsonArray("outputFiles")) {
                        String url = o.getAsJsonObject().getAsJsonObject("destination").getAsJsonObject("container")
                                .get("containerUrl").getAsString();
                        assertTrue(url.startsWith(store.containerUrl("fgrp-shot010-renders") + "?"), template + ": " + url);
                    }
                }
                JsonObject prep = batch.jobBody(jobName).orElseThrow().getAsJsonObject("jobPreparationTask");
                String assets = prep.getAsJsonArray("resourceFiles").get(0).getAsJsonObject().get("storageContainerUrl").getAsString();
                assertTrue(assets.startsWith(store.containerUrl("fgrp-shot010") + "?"), template + ": " + assets);
            }
        }
    }

    @Test
    void everyShippedPoolTemplateCreatesItsPoolWithTheTemplatesValues() throws Exception {
        List<String> pools;
        try (Stream<Path> files = Files.list(TestScenes.repoRoot().resolve("templates/pools"))) {
            pools = files.map(f -> "pools/" + f.getFileName()).filter(f -> f.endsWith(".template.json")).sorted().toList();
        }
        assertEquals(4, pools.size(), pools.toString());
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start()) {
            AzureFarm farm = DoubleFarms.entra(batch, tmp.resolve("state"), "unused"); // gallery images need Entra ID
            for (String template : pools) {
                JsonObject pool = HistoricalTemplates.shippedPool(template, params("imageId",
                        "/subscriptions/0000/resourceGroups/render/providers/Microsoft.Compute/galleries/studio/images/maya/versions/1.0.0"))
                        .pool();

                AzureTemplatePools creator = new AzureTemplatePools(farm, null);
                String id = creator.create(new ExpandedPool(pool));

                JsonObject arrived = batch.poolBody(id).orElseThrow();
                assertEquals(pool.get("vmSize").getAsString().toLowerCase(java.util.Locale.ROOT), arrived.get("vmSize").getAsString());
                assertEquals(pool.get("virtualMachineConfiguration"), arrived.get("virtualMachineConfiguration"), template);
                assertEquals(pool.get("targetDedicatedNodes").getAsInt(), arrived.get("targetDedicatedNodes").getAsInt());
                if (pool.has("startTask")) {
                    assertEquals(pool.get("startTask"), arrived.get("startTask"), template);
                }
                assertFalse(creator.notes().stream().anyMatch(x -> x.contains("renamed")), template);
            }
        }
    }
}

package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.LicenseServer;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.BatchNodeCompiler;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchrender.job.Job;
import io.batchrender.render.CommandLineSplitter;

import io.batchrender.compile.SubmitRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a submission asks of Batch, read from the request bodies the farm builds (as the SDK will send them). */
class BatchBodiesTest {

    static final Job SPEC = SceneCompiler.compile(new SubmitRequest(Optional.empty(),
            Optional.of(List.of("blender", "-b", "my shot's.blend", "-o", "{output}/shot_####", "-s", "{start}", "-e", "{end}")),
            Optional.empty(), "1-10", 5, Optional.of("shot 010"), Optional.empty(), 3, Optional.empty()));

    static final AzureJobSettings SETTINGS = AzureJobSettings.on(new PoolChoice.Existing("render"))
            .withAssets("http://127.0.0.1:10000/devstoreaccount1/fgrp-shot?sv=x&sig=y", "sh010/")
            .withOutputContainerUrl("http://127.0.0.1:10000/devstoreaccount1/out?sp=w&sig=z")
            .withEnvironment(List.of(new LicenseServer("autodesk", "27000@lic"), new LicenseServer("vray", "30304@lic")),
                    Map.of("OCIO", "/mnt/ocio/config.ocio", "AZ_BATCH_NODE_ID", "hijack", "ADSKFLEX_LICENSE_FILE", "27001@lic2"));

    static Job onNodes(AzureJobSettings settings) {
        return BatchNodeCompiler.compile(SPEC, new BatchNodeCompiler.Target("shot-010-x", settings.assets(), Optional.empty(),
                List.of(), settings.outputs(), TaskEnvironment.of(settings), Map.of("assetProject", "shot")));
    }

    static JobAddParameter jobBody(AzureJobSettings settings) {
        com.google.gson.JsonObject body = BatchBodies.job(onNodes(settings));
        body.add("poolInfo", com.google.gson.JsonParser.parseString("{\"poolId\": \"render\"}")); // the farm's part
        return SdkBodies.convert(body, JobAddParameter.class, "add job", "test");
    }

    @Test
    void theJobCarriesMetadataRetriesTheAssetPreparationAndEndsWithItsTasks() {
        JobAddParameter job = jobBody(SETTINGS);

        assertEquals(OnAllTasksComplete.TERMINATE_JOB, job.onAllTasksComplete(), "JobSender holds it back until the tasks are in");
        assertEquals(3, job.constraints().maxTaskRetryCount());
        Map<String, String> meta = job.metadata().stream().collect(Collectors.toMap(MetadataItem::name, MetadataItem::value));
        assertEquals("shot", meta.get("assetProject"));
        assertEquals("shot 010", job.displayName());
        var rf = job.jobPreparationTask().resourceFiles().get(0);
        assertEquals("http://127.0.0.1:10000/devstoreaccount1/fgrp-shot?sv=x&sig=y", rf.storageContainerUrl());
        assertEquals("sh010/", rf.blobPrefix());
        assertEquals("assets", rf.filePath());
        assertTrue(job.jobPreparationTask().waitForSuccess());
        Map<String, String> env = job.commonEnvironmentSettings().stream()
                .collect(Collectors.toMap(EnvironmentSetting::name, EnvironmentSetting::value));
        assertEquals(Map.of("OCIO", "/mnt/ocio/config.ocio", "ADSKFLEX_LICENSE_FILE", "27001@lic2",
                "VRAY_AUTH_CLIENT_SETTINGS", "30304@lic"), env, "the free table wins over a license; AZ_BATCH_* is never set");
    }

    @Test
    void anAutoPoolTakesDedicatedAndSpotNodes() {
        // the panel's Submit tab: an auto-pool with 1 dedicated and 3 Spot nodes (Batch calls Spot "low priority":
        // https://learn.microsoft.com/rest/api/batchservice/job/add, poolInfo.autoPoolSpecification.pool)
        var spec = new PoolSpec("", "standard_d4s_v5", 1, 3, 2, PoolImage.Marketplace.ubuntu2204()
                .withNodeAgentSku("batch.node.ubuntu 22.04"), Optional.empty()); // as the farm resolves it

        var pool = BatchRequests.poolSpecification(spec);

        assertEquals(1, pool.targetDedicatedNodes());
        assertEquals(3, pool.targetLowPriorityNodes());
        assertEquals(2, pool.taskSlotsPerNode());
    }

    @Test
    void aContainerOfOurStoreIsNamedUntilTheJobIsSent() {
        AzureJobSettings s = new AzureJobSettings(new PoolChoice.Existing("p"), Optional.empty(), Optional.of("fgrp-shot"), "a/",
                Optional.empty(), Optional.of("shot"), Optional.empty(), List.of(), Map.of(), Optional.empty(), List.of());

        var rf = jobBody(s).jobPreparationTask().resourceFiles().get(0);

        assertEquals("fgrp-shot", rf.autoStorageContainerName());
        assertNull(rf.storageContainerUrl());
        assertEquals("a/", rf.blobPrefix());
    }

    @Test
    void eachTaskRunsItsArgumentsUnchangedAndUploadsImagesLogsAndThumbnails() {
        TaskAddParameter t = SdkBodies.convert(BatchBodies.tasks(onNodes(SETTINGS)).get(1), TaskAddParameter.class, "add task", "test");

        assertEquals("2", t.id());
        List<String> words = CommandLineSplitter.split(t.commandLine());
        assertEquals(List.of("/bin/sh", "-c"), words.subList(0, 2));
        assertEquals(List.of("batchrender", "${BATCHRENDER_OUTPUT_DIR}", "${BATCHRENDER_ASSETS_DIR}", "0", "blender", "-b", "my shot's.blend", "-o",
                "${BATCHRENDER_OUTPUT_DIR}/shot_####", "-s", "6", "-e", "10"), words.subList(3, words.size()));
        assertEquals("6,7,8,9,10", t.environmentSettings().get(0).value());
        assertEquals(3, t.constraints().maxTaskRetryCount());
        List<String> outputs = t.outputFiles().stream().map(OutputFile::filePattern).toList();
        assertEquals(List.of("images/**/*", "../std*.txt", "thumbs/**/*"), outputs);
        assertEquals("logs/2", t.outputFiles().get(1).destination().container().path());
        assertTrue(t.outputFiles().stream().allMatch(o -> o.destination().container().containerUrl().endsWith("sp=w&sig=z")));
    }

    /** A template's managed identity and upload headers reach the SDK's models, as Batch takes them. */
    @Test
    void aManagedIdentityAndUploadHeadersAreSent() {
        String identity = "/subscriptions/0000/resourceGroups/render/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nodes";
        Job job = io.batchrender.compile.TemplateCompiler.compile(new io.batchrender.templates.ExpandedJob(
                com.google.gson.JsonParser.parseString("{\"id\": \"j\"}").getAsJsonObject(), List.of(
                com.google.gson.JsonParser.parseString("{\"id\": \"a\", \"commandLine\": \"render\", \"resourceFiles\": [{"
                        + "\"httpUrl\": \"https://studio.blob.core.windows.net/tools/render.sh\", \"filePath\": \"render.sh\","
                        + " \"identityReference\": {\"resourceId\": \"" + identity + "\"}}], \"outputFiles\": [{\"filePattern\":"
                        + " \"out/*.exr\", \"destination\": {\"container\": {\"containerUrl\":"
                        + " \"https://studio.blob.core.windows.net/frames\", \"identityReference\": {\"resourceId\": \"" + identity
                        + "\"}, \"uploadHeaders\": [{\"name\": \"x-ms-blob-content-type\", \"value\": \"image/x-exr\"}]}}}]}")
                        .getAsJsonObject())));

        TaskAddParameter task = SdkBodies.convert(BatchBodies.tasks(job).get(0), TaskAddParameter.class, "add task", "test");

        assertEquals(identity, task.resourceFiles().get(0).identityReference().resourceId());
        OutputFile out = task.outputFiles().get(0);
        assertEquals(identity, out.destination().container().identityReference().resourceId());
        assertEquals("x-ms-blob-content-type", out.destination().container().uploadHeaders().get(0).name());
        assertEquals("image/x-exr", out.destination().container().uploadHeaders().get(0).value());
    }
}

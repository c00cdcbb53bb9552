package io.batchrender.farm.azure;

import static io.batchrender.farm.azure.HistoricalTemplates.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.batch.protocol.models.AutoUserScope;
import com.microsoft.azure.batch.protocol.models.ElevationLevel;
import com.microsoft.azure.batch.protocol.models.JobAction;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.serializer.AzureJacksonAdapter;
import io.batchrender.templates.ExpandedJob;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REST bodies through the SDK's models: every field of the service's own examples, of the requests
 * the Batch CLI extensions sent to a live account, and of the Maya/Arnold template's job and tasks
 * survives; a field the API does not have is named instead of dropped.
 */
class SdkBodiesTest {

    private static final AzureJacksonAdapter ADAPTER = new AzureJacksonAdapter();

    /** What the SDK would send for {@code model}, compared field by field with what was given. */
    private static void roundTrips(JsonObject body, Object model) throws Exception {
        JsonElement sent = JsonParser.parseString(ADAPTER.serialize(model));
        assertEquals(java.util.Optional.empty(), SdkBodies.lost(body, sent, ""), body + " -> " + sent);
    }

    @Test
    void everyFieldOfTheRestExamplesSurvives() throws Exception {
        JsonObject job = HistoricalTemplates.restExample("JobAdd_Basic.json", "job");
        JobAddParameter j = SdkBodies.convert(job, JobAddParameter.class, "add job", "job");
        roundTrips(job, j);
        assertEquals("jobId", j.id());
        assertEquals("poolId", j.poolInfo().poolId());
        assertEquals(0, j.priority());

        JsonObject pool = HistoricalTemplates.restExample("PoolAdd_VirtualMachineConfiguration.json", "pool");
        PoolAddParameter p = SdkBodies.convert(pool, PoolAddParameter.class, "add pool", "pool");
        roundTrips(pool, p);
        assertEquals("pool2", p.id());
        assertEquals("standard_a1", p.vmSize());
        assertEquals("Canonical", p.virtualMachineConfiguration().imageReference().publisher());
        assertEquals("0001-com-ubuntu-server-focal", p.virtualMachineConfiguration().imageReference().offer());
        assertEquals("20_04-lts", p.virtualMachineConfiguration().imageReference().sku());
        assertEquals("batch.node.ubuntu 20.04", p.virtualMachineConfiguration().nodeAgentSKUId());
        assertEquals(15, p.resizeTimeout().toStandardMinutes().getMinutes());
        assertEquals(5, p.targetDedicatedNodes());
        assertEquals(0, p.targetLowPriorityNodes());
        assertEquals(3, p.taskSlotsPerNode());
        assertEquals("spread", p.taskSchedulingPolicy().nodeFillType().toString());
        assertEquals(false, p.enableAutoScale());
        assertEquals(true, p.enableInterNodeCommunication());
        assertEquals("myproperty", p.metadata().get(0).name());
        assertEquals("myvalue", p.metadata().get(0).value());

        for (JsonElement t : HistoricalTemplates.restExample("TaskAddCollection_Basic.json", "taskCollection").getAsJsonArray("value")) {
            TaskAddParameter task = SdkBodies.convert(t.getAsJsonObject(), TaskAddParameter.class, "add task", "task");
            roundTrips(t.getAsJsonObject(), task);
            assertEquals("cmd /c dir /s", task.commandLine());
        }

        JsonObject exit = HistoricalTemplates.restExample("TaskAdd_ExitConditions.json", "task");
        TaskAddParameter t = SdkBodies.convert(exit, TaskAddParameter.class, "add task", "task");
        roundTrips(exit, t);
        assertEquals("cmd /c exit 3", t.commandLine());
        assertEquals(2, t.exitConditions().exitCodeRanges().get(0).start());
        assertEquals(4, t.exitConditions().exitCodeRanges().get(0).end());
        assertEquals(JobAction.TERMINATE, t.exitConditions().exitCodeRanges().get(0).exitOptions().jobAction());
        assertEquals(AutoUserScope.TASK, t.userIdentity().autoUser().scope());
        assertEquals(ElevationLevel.NON_ADMIN, t.userIdentity().autoUser().elevationLevel());
    }

    @Test
    void everyRequestTheBatchCliExtensionsSentToALiveAccountSurvives() throws Exception {
        JsonObject rec = JsonParser.parseString(Files.readString(HistoricalTemplates.azureBatch()
                .resolve("recordings-batch-cli-extensions/test_batch_extensions_live.redacted.json"))).getAsJsonObject();
        List<String> seen = new ArrayList<>();
        for (JsonElement e : rec.getAsJsonArray("interactions")) {
            JsonObject req = e.getAsJsonObject().getAsJsonObject("request");
            String uri = req.get("uri").getAsString();
            if (!req.get("method").getAsString().equals("POST") || !uri.contains(".batch.azure.com/") || !req.has("body")
                    || req.get("body").isJsonNull()) {
                continue;
            }
            String path = uri.substring(uri.indexOf(".batch.azure.com/") + 16, uri.indexOf('?'));
            JsonObject body = JsonParser.parseString(req.get("body").getAsString()).getAsJsonObject();
            if (path.equals("/pools")) {
                roundTrips(body, SdkBodies.convert(body, PoolAddParameter.class, "add pool", path));
                seen.add("pool " + body.get("id").getAsString());
            } else if (path.equals("/jobs")) {
                roundTrips(body, SdkBodies.convert(body, JobAddParameter.class, "add job", path));
                seen.add("job " + body.get("id").getAsString());
            } else if (path.endsWith("/addtaskcollection")) {
                for (JsonElement t : body.getAsJsonArray("value")) {
                    roundTrips(t.getAsJsonObject(), SdkBodies.convert(t.getAsJsonObject(), TaskAddParameter.class, "add task", path));
                    seen.add("task " + t.getAsJsonObject().get("id").getAsString());
                }
            }
        }
        // read from the recording: 5 pools, 6 jobs (two with auto-pools), 24 tasks with output files, dependsOn, a merge task
        assertEquals(5, seen.stream().filter(s -> s.startsWith("pool ")).count(), seen.toString());
        assertEquals(24, seen.stream().filter(s -> s.startsWith("task ")).count(), seen.toString());
        assertEquals(6, seen.stream().filter(s -> s.startsWith("job ")).count(), seen.toString());
        assertTrue(seen.contains("task merge"), seen.toString());
    }

    @Test
    void theMayaArnoldTemplatesJobAndTasksKeepEveryField() throws Exception {
        ExpandedJob job = HistoricalTemplates.sweepJob("ncj-templates-historical/maya/render-arnold-linux/job.template.json",
                params("jobName", "robot-walk", "jobPriority", 10, "poolId", "maya-pool", "mayaVersion", "Maya2018",
                        "inputDataSas", "https://acct.blob.core.windows.net/fgrp-robot?sv=x&sig=y", "additionalFlags", "-cam cam1",
                        "inputData", "robot", "sceneFile", "scenes/robot.ma", "frameStart", 4, "frameEnd", 5, "outputs", "robot-renders"),
                4, 5);
        JsonObject body = job.job();
        JobAddParameter j = SdkBodies.convert(body, JobAddParameter.class, "add job", "job");
        roundTrips(body, j);
        assertEquals("robot-walk", j.id());
        assertEquals(10, j.priority());
        assertEquals("maya-pool", j.poolInfo().poolId());
        assertEquals(OnAllTasksComplete.TERMINATE_JOB, j.onAllTasksComplete());
        assertEquals("/bin/bash -c 'azcopy --source \"https://acct.blob.core.windows.net/fgrp-robot?sv=x&sig=y\" --destination"
                + " \"$AZ_BATCH_JOB_PREP_WORKING_DIR\" --recursive'", j.jobPreparationTask().commandLine());
        assertEquals(ElevationLevel.ADMIN, j.jobPreparationTask().userIdentity().autoUser().elevationLevel());
        assertEquals(AutoUserScope.POOL, j.jobReleaseTask().userIdentity().autoUser().scope());
        assertEquals("/bin/bash -c \"sudo rm -rfv $AZ_BATCH_JOB_PREP_WORKING_DIR/*\"", j.jobReleaseTask().commandLine());

        JsonObject first = job.tasks().get(0);
        TemplateFileGroups.rewrite(first, "task", c -> "https://acct.blob.core.windows.net/" + c + "?sp=rl",
                c -> "https://acct.blob.core.windows.net/" + c + "?sp=w");
        TaskAddParameter t = SdkBodies.convert(first, TaskAddParameter.class, "add task", "task");
        roundTrips(first, t);
        assertEquals("0", t.id());
        assertEquals("Frame 4", t.displayName());
        assertTrue(t.commandLine().contains("export maya_version=${maya_version,,};$maya_version -r arnold -ai:lve 1 -cam cam1 -proj"
                + " \"$AZ_BATCH_JOB_PREP_WORKING_DIR\" -rd \"$AZ_BATCH_TASK_WORKING_DIR/images\" -s 4 -e 4 \"/X/scenes/robot.ma\""),
                t.commandLine());
        assertEquals("MAYA_SCRIPT_PATH", t.environmentSettings().get(0).name());
        assertEquals("%AZ_BATCH_JOB_PREP_WORKING_DIR%/scripts", t.environmentSettings().get(0).value());
        assertEquals("5000000", t.environmentSettings().get(1).value());
        List<OutputFile> out = t.outputFiles();
        assertEquals(List.of("../stdout.txt", "../stderr.txt", "images/**/*", "thumbs/**/*"),
                out.stream().map(OutputFile::filePattern).toList());
        assertEquals(List.of("robot-walk/logs/frame_4.log", "robot-walk/logs/frame_4_error.log", "robot-walk/images",
                "robot-walk/thumbs"), out.stream().map(o -> o.destination().container().path()).toList());
        assertEquals("https://acct.blob.core.windows.net/fgrp-robot-renders?sp=w", out.get(2).destination().container().containerUrl());
        assertEquals(List.of(OutputFileUploadCondition.TASK_COMPLETION, OutputFileUploadCondition.TASK_COMPLETION,
                OutputFileUploadCondition.TASK_SUCCESS, OutputFileUploadCondition.TASK_SUCCESS),
                out.stream().map(o -> o.uploadOptions().uploadCondition()).toList());
    }

    @Test
    void aFieldTheApiDoesNotHaveIsNamedNotDropped() {
        JsonObject task = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"render\", \"outputFiles\": [{\"filePattern\":"
                + " \"*.png\", \"destination\": {\"container\": {\"containerUrl\": \"https://a/c\"}}, \"uploadOptions\":"
                + " {\"uploadCondition\": \"taskSuccess\", \"overwrite\": true}}]}").getAsJsonObject();
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(task, TaskAddParameter.class, "add task", "job j, task 0"));
        assertEquals("job j, task 0: outputFiles[0].uploadOptions.overwrite is not part of Batch's add task request"
                + " (API 2024-07-01.20.0): remove it from the template.", e.getMessage());

        JsonObject unmapped = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"render\", \"outputFiles\": [{\"filePattern\":"
                + " \"*.png\", \"destination\": {\"autoStorage\": {\"fileGroup\": \"out\"}}}]}").getAsJsonObject();
        e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(unmapped, TaskAddParameter.class, "add task", "task 0"));
        assertTrue(e.getMessage().startsWith("task 0: outputFiles[0].destination.autoStorage is not part of"), e.getMessage());

        JsonObject badEnum = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"render\", \"userIdentity\": {\"autoUser\":"
                + " {\"elevationLevel\": \"root\"}}}").getAsJsonObject();
        e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(badEnum, TaskAddParameter.class, "add task", "task 0"));
        assertTrue(e.getMessage().contains("userIdentity.autoUser.elevationLevel"), e.getMessage());

        JsonObject noCommand = JsonParser.parseString("{\"id\": \"0\", \"displayName\": \"Frame 1\"}").getAsJsonObject();
        e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(noCommand, TaskAddParameter.class, "add task", "job j, task 0"));
        assertEquals("job j, task 0: not a Batch add task body: commandLine is required and cannot be null.", e.getMessage());

        JsonObject badNumber = JsonParser.parseString("{\"id\": \"p\", \"vmSize\": \"standard_d4s_v5\", \"targetDedicatedNodes\":"
                + " \"many\"}").getAsJsonObject();
        e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(badNumber, PoolAddParameter.class, "add pool", "pool p"));
        assertTrue(e.getMessage().startsWith("pool p: not a Batch add pool body: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void valuesTheSdkSpellsOtherwiseAreTheSame() {
        JsonObject task = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"x\", \"constraints\": {\"maxWallClockTime\":"
                + " \"PT90M\", \"maxTaskRetryCount\": \"2\"}}").getAsJsonObject();
        TaskAddParameter t = SdkBodies.convert(task, TaskAddParameter.class, "add task", "task 0");
        assertEquals(90, t.constraints().maxWallClockTime().toStandardMinutes().getMinutes());
        assertEquals(2, t.constraints().maxTaskRetryCount());
        assertNull(t.dependsOn());
    }

    @Test
    void tasksOfOneShapeAreCheckedOnceForRequiredFieldsButEachForItsValues() {
        java.util.Set<String> shapes = new java.util.HashSet<>();
        String output = "{\"filePattern\": \"*.png\", \"destination\": {\"container\": {\"containerUrl\": \"https://a/c\"}}%s}";
        JsonObject first = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"render 1\", \"outputFiles\": ["
                + output.formatted(", \"uploadOptions\": {\"uploadCondition\": \"taskSuccess\"}") + "]}").getAsJsonObject();
        SdkBodies.convert(first, TaskAddParameter.class, "add task", "task 0", shapes);
        assertEquals(1, shapes.size());

        JsonObject sameShape = JsonParser.parseString("{\"id\": \"1\", \"commandLine\": \"render 2\", \"outputFiles\": ["
                + output.formatted(", \"uploadOptions\": {\"uploadCondition\": \"sometimes\"}") + "]}").getAsJsonObject();
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(sameShape, TaskAddParameter.class, "add task", "task 1", shapes));
        assertTrue(e.getMessage().startsWith("task 1: outputFiles[0].uploadOptions.uploadCondition is not part of"), e.getMessage());

        JsonObject noOptions = JsonParser.parseString("{\"id\": \"2\", \"commandLine\": \"render 3\", \"outputFiles\": ["
                + output.formatted("") + "]}").getAsJsonObject();
        e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(noOptions, TaskAddParameter.class, "add task", "task 2", shapes));
        assertEquals("task 2: not a Batch add task body: outputFiles.uploadOptions is required and cannot be null.", e.getMessage());
    }

    @Test
    void aBodyThatCannotBeReadIsNamedWithoutQuotingItsSas() {
        JsonObject task = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"render\", \"outputFiles\": [{\"filePattern\":"
                + " \"*.png\", \"destination\": {\"container\": {\"containerUrl\": \"https://a/c?sp=w&sig=SECRET\"}},"
                + " \"uploadOptions\": {\"uploadCondition\": \"taskSuccess\"}}], \"constraints\": {\"maxTaskRetryCount\": \"lots\"}}")
                .getAsJsonObject();
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> SdkBodies.convert(task, TaskAddParameter.class, "add task", "task 0"));
        assertTrue(e.getMessage().startsWith("task 0: not a Batch add task body: "), e.getMessage());
        assertTrue(e.getMessage().contains("lots"), "says which value: " + e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertEquals(null, e.getCause());
    }
}

package io.batchrender.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.batchrender.render.RenderSetupException;
import io.batchrender.job.Command;
import io.batchrender.job.DependsOn;
import io.batchrender.job.Job;
import io.batchrender.job.JobJson;
import io.batchrender.job.OutputFile;
import io.batchrender.job.Task;
import io.batchrender.templates.ExpandedJob;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The template compiler: Batch "add job" and "add task" bodies to the job model, and what it refuses. */
class TemplateCompilerTest {

    static ExpandedJob job(String jobJson, String... tasks) {
        return new ExpandedJob(JsonParser.parseString(jobJson).getAsJsonObject(),
                Arrays.stream(tasks).map(t -> JsonParser.parseString(t).getAsJsonObject()).toList());
    }

    @Test
    void aSweepWithAMergeTaskKeepsItsRangeAndItsBatchFields() {
        Job j = TemplateCompiler.compile(job("""
                {"id": "shot010", "priority": 50, "poolInfo": {"poolId": "p"}, "usesTaskDependencies": true,
                 "constraints": {"maxTaskRetryCount": 2, "maxWallClockTime": "PT1H"},
                 "commonEnvironmentSettings": [{"name": "SHOT", "value": "010"}],
                 "jobPreparationTask": {"commandLine": "mkdir out", "waitForSuccess": false}}""",
                "{\"id\": \"0\", \"commandLine\": \"render 1\", \"userIdentity\": {\"autoUser\": {\"elevationLevel\": \"admin\"}},"
                        + " \"constraints\": {\"maxTaskRetryCount\": -1, \"retentionTime\": \"P1D\"}}",
                "{\"id\": \"1\", \"commandLine\": \"render 2\", \"outputFiles\": [{\"filePattern\": \"out/*.png\","
                        + " \"destination\": {\"autoStorage\": {\"fileGroup\": \"shots\", \"path\": \"s\"}},"
                        + " \"uploadOptions\": {\"uploadCondition\": \"TaskCompletion\"}}]}",
                "{\"id\": \"merge\", \"commandLine\": \"merge\", \"dependsOn\": {\"taskIdRanges\": [{\"start\": 0, \"end\": 1}]}}"));

        assertEquals("shot010", j.id());
        assertEquals(50, j.priority());
        assertEquals(Optional.of(Duration.ofHours(1)), j.constraints().maxWallClockTime());
        assertEquals(Map.of("SHOT", "010"), j.environment());
        assertEquals(List.of("poolInfo", "usesTaskDependencies"), List.copyOf(j.extra().names()));
        Task prep = j.preparationTask().orElseThrow();
        assertEquals("jobpreparation", prep.id());
        assertEquals(false, prep.waitForSuccess());
        Task first = j.tasks().get(0);
        assertEquals(new Command.Line("render 1"), first.command());
        assertEquals(Optional.of(-1), first.constraints().maxTaskRetryCount());
        assertEquals(List.of("constraints", "userIdentity"), List.copyOf(first.extra().names()));
        OutputFile out = j.tasks().get(1).outputFiles().get(0);
        assertEquals(Optional.of("fgrp-shots"), out.destination().autoStorageContainerName());
        assertEquals("s", out.destination().path());
        assertEquals(OutputFile.UploadCondition.TASK_COMPLETION, out.uploadCondition());
        assertEquals(new DependsOn(List.of(), List.of(new DependsOn.IdRange(0, 1))), j.tasks().get(2).dependsOn());
        assertEquals(2, j.retriesOf(j.tasks().get(1)));
        // and the job survives its own JSON, as the local farm stores each task
        assertEquals(j.tasks(), JobJson.job(JobJson.toJson(j).toString()).tasks());
    }

    @Test
    void refusesWhatNoFarmCouldRun() {
        assertRefused("has no commandLine", job("{\"id\": \"j\"}", "{\"id\": \"a\"}"));
        assertRefused("Two tasks have the id 'A'", job("{}", "{\"id\": \"a\", \"commandLine\": \"x\"}",
                "{\"id\": \"A\", \"commandLine\": \"x\"}"));
        assertRefused("depends on task 'b', which is not in the job", job("{}",
                "{\"id\": \"a\", \"commandLine\": \"x\", \"dependsOn\": {\"taskIds\": [\"b\"]}}"));
        assertRefused("in a circle (a -> b -> a)", job("{}",
                "{\"id\": \"a\", \"commandLine\": \"x\", \"dependsOn\": {\"taskIds\": [\"b\"]}}",
                "{\"id\": \"b\", \"commandLine\": \"x\", \"dependsOn\": {\"taskIds\": [\"a\"]}}"));
        assertRefused("is refused", job("{}", "{\"id\": \"a\", \"commandLine\": \"x\","
                + " \"resourceFiles\": [{\"httpUrl\": \"https://h/f\", \"filePath\": \"../../etc/f\"}]}"));
        assertRefused("not an ISO-8601 duration", job("{}", "{\"id\": \"a\", \"commandLine\": \"x\","
                + " \"constraints\": {\"maxWallClockTime\": \"2h\"}}"));
        assertRefused("is also a task's id", job("{\"jobPreparationTask\": {\"id\": \"A\", \"commandLine\": \"x\"}}",
                "{\"id\": \"a\", \"commandLine\": \"x\"}"));
        assertRefused("is reserved by Azure Batch", job("{}", "{\"id\": \"jobrelease\", \"commandLine\": \"x\"}"));
    }

    /**
     * A pool's managed identity reaching storage without a SAS, and headers on the uploads: Batch's
     * {@code identityReference} (ComputeNodeIdentityReference) of a resource file and of a container destination,
     * and the destination's {@code uploadHeaders} (HttpHeader),
     * https://learn.microsoft.com/rest/api/batchservice/task/add#resourcefile and #outputfileblobcontainerdestination.
     * They were dropped on the way to the model: the job reached Batch without them and its nodes were refused.
     */
    @Test
    void aManagedIdentityAndUploadHeadersReachTheJob() {
        String identity = "/subscriptions/0000/resourceGroups/render/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nodes";
        Job j = TemplateCompiler.compile(job("{\"id\": \"j\"}", "{\"id\": \"a\", \"commandLine\": \"render\","
                + " \"resourceFiles\": [{\"storageContainerUrl\": \"https://studio.blob.core.windows.net/assets\","
                + " \"filePath\": \"assets\", \"identityReference\": {\"resourceId\": \"" + identity + "\"}}],"
                + " \"outputFiles\": [{\"filePattern\": \"out/*.exr\", \"destination\": {\"container\": {"
                + "\"containerUrl\": \"https://studio.blob.core.windows.net/frames\", \"path\": \"sh010\","
                + " \"identityReference\": {\"resourceId\": \"" + identity + "\"},"
                + " \"uploadHeaders\": [{\"name\": \"x-ms-blob-content-type\", \"value\": \"image/x-exr\"}]}}}]}"));

        Task a = j.tasks().get(0);
        assertEquals(Optional.of(identity), a.resourceFiles().get(0).identityResourceId());
        OutputFile.Destination to = a.outputFiles().get(0).destination();
        assertEquals(Optional.of(identity), to.identityResourceId());
        assertEquals(List.of(new OutputFile.HttpHeader("x-ms-blob-content-type", "image/x-exr")), to.uploadHeaders());
        assertEquals(j.tasks(), JobJson.job(JobJson.toJson(j).toString()).tasks());     // as the local farm stores it

        assertRefused("needs the resourceId", job("{}", "{\"id\": \"a\", \"commandLine\": \"x\", \"resourceFiles\":"
                + " [{\"httpUrl\": \"https://h/f\", \"filePath\": \"f\", \"identityReference\": {}}]}"));
        assertRefused("the Batch account's own storage needs none", job("{}", "{\"id\": \"a\", \"commandLine\": \"x\","
                + " \"resourceFiles\": [{\"autoStorageContainerName\": \"c\", \"identityReference\": {\"resourceId\": \"r\"}}]}"));
    }

    @Test
    void anInvalidJobIdIsANoteAndTheFarmMakesOne() {
        Job j = TemplateCompiler.compile(job("{\"id\": \"shot 010\"}", "{\"id\": \"a\", \"commandLine\": \"x\"}"));
        assertEquals("", j.id());
        assertTrue(j.notes().get(0).contains("'shot 010' is not a valid Batch id"), j.notes().toString());
    }

    private static void assertRefused(String part, ExpandedJob job) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> TemplateCompiler.compile(job));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}

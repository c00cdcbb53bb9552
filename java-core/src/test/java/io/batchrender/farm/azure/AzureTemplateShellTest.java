package io.batchrender.farm.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template jobs on the Batch double as the Batch CLI extensions submit them: command lines in the
 * shell of the pool's OS ({@code _template_utils.py post_processing}), jobs driven by a job manager
 * task alone, and the service refusing a resource file from an {@code httpUrl} without
 * {@code filePath}. No storage account: none of these templates uses a file group.
 */
class AzureTemplateShellTest {

    @TempDir
    Path tmp;

    private BatchDouble batch;
    private AzureFarm farm;

    @BeforeEach
    void start() throws Exception {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
        farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
    }

    @AfterEach
    void stop() {
        batch.close();
    }

    private void emptyPool(String id, String imageReference, String nodeAgent) {
        AzureTemplatePools.openingStore(farm, () -> {
            throw new AssertionError("no file group: storage is never opened");
        }).create(new ExpandedPool(JsonParser.parseString("""
                {"id": "%s", "vmSize": "standard_d2s_v5",
                 "virtualMachineConfiguration": {"imageReference": %s, "nodeAgentSKUId": "%s"},
                 "targetDedicatedNodes": 0}""".formatted(id, imageReference, nodeAgent)).getAsJsonObject()));
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void onAWindowsPoolEveryLineThatIsNotInAShellGoesToCmd() {
        emptyPool("win", "{\"publisher\": \"MicrosoftWindowsServer\", \"offer\": \"WindowsServer\", \"sku\": \"2022-datacenter\"}",
                "batch.node.windows amd64");
        ExpandedJob job = new ExpandedJob(json("""
                {"id": "win-job", "poolInfo": {"poolId": "win"},
                 "jobPreparationTask": {"commandLine": "azcopy /source:\\"x\\" /dest:\\"%AZ_BATCH_JOB_PREP_WORKING_DIR%\\" /S & exit /b 0"},
                 "jobReleaseTask": {"commandLine": "cmd.exe /c DEL /S /Q \\"%AZ_BATCH_JOB_PREP_WORKING_DIR%\\""}}"""),
                List.of(json("{\"id\": \"0\", \"commandLine\": \"mkdir images & %ARNOLD_EXEC% -i scene.ass\"}")));

        AzureTemplateRunner.submit(farm, () -> {
            throw new AssertionError("no file group: storage is never opened");
        }, job);

        JsonObject sent = batch.jobBody("win-job").orElseThrow();
        assertEquals("cmd /c \"azcopy /source:\"x\" /dest:\"%AZ_BATCH_JOB_PREP_WORKING_DIR%\" /S & exit /b 0\"",
                sent.getAsJsonObject("jobPreparationTask").get("commandLine").getAsString());
        assertEquals("cmd.exe /c DEL /S /Q \"%AZ_BATCH_JOB_PREP_WORKING_DIR%\"",
                sent.getAsJsonObject("jobReleaseTask").get("commandLine").getAsString(), "already in a shell");
        assertEquals("cmd /c \"mkdir images & %ARNOLD_EXEC% -i scene.ass\"",
                batch.taskBody("win-job", "0").orElseThrow().get("commandLine").getAsString());
    }

    @Test
    void onALinuxPoolTheLineRunsInBashOnTheNodeWhichItselfRunsNoShell() throws Exception {
        emptyPool("lin", "{\"publisher\": \"Canonical\", \"offer\": \"0001-com-ubuntu-server-jammy\", \"sku\": \"22_04-lts\"}",
                "batch.node.ubuntu 22.04");
        farm.resizeNodes("lin", 1, 0, io.batchrender.farm.ShrinkPolicy.REQUEUE);
        ExpandedJob job = new ExpandedJob(json("{\"id\": \"lin-job\", \"poolInfo\": {\"poolId\": \"lin\"}}"),
                List.of(json("{\"id\": \"0\", \"commandLine\": \"echo frame $AZ_BATCH_TASK_ID > out.txt;cat out.txt\"}")));

        AzureTemplateRunner.submit(farm, () -> null, job);

        assertEquals("/bin/bash -c 'set -e; set -o pipefail; echo frame $AZ_BATCH_TASK_ID > out.txt;cat out.txt; wait'",
                batch.taskBody("lin-job", "0").orElseThrow().get("commandLine").getAsString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!batch.taskBody("lin-job", "0").orElseThrow().get("state").getAsString().equals("completed")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        JsonObject done = batch.taskBody("lin-job", "0").orElseThrow();
        assertEquals(0, done.getAsJsonObject("executionInfo").get("exitCode").getAsInt(), done.toString());
        assertEquals("frame 0\n", java.nio.file.Files.readString(farm.log("lin-job", "0", 1).stdout()));
    }

    @Test
    void aJobDrivenByItsJobManagerTaskIsCreatedWithNoTasksAndItsManagerInTheShell() {
        emptyPool("lin", "{\"publisher\": \"Canonical\", \"offer\": \"0001-com-ubuntu-server-jammy\", \"sku\": \"22_04-lts\"}",
                "batch.node.ubuntu 22.04");
        ExpandedJob job = new ExpandedJob(json("""
                {"id": "tiles", "poolInfo": {"poolId": "lin"}, "onAllTasksComplete": "terminateJob",
                 "jobManagerTask": {"id": "_manager", "commandLine": "env;python $AZ_BATCH_TASK_WORKING_DIR/split.py",
                   "killJobOnCompletion": false}}"""), List.of());

        io.batchrender.farm.TemplateRunner.Submitted s = AzureTemplateRunner.submit(farm, () -> null, job);

        assertEquals("tiles", s.id());
        JsonObject sent = batch.jobBody("tiles").orElseThrow();
        assertEquals("/bin/bash -c 'set -e; set -o pipefail; env;python $AZ_BATCH_TASK_WORKING_DIR/split.py; wait'",
                sent.getAsJsonObject("jobManagerTask").get("commandLine").getAsString());
        assertEquals(List.of(), batch.taskIds("tiles"));
        assertEquals(0, batch.requestCount("POST /jobs/{id}/addtaskcollection"));
        assertEquals("terminatejob", sent.get("onAllTasksComplete").getAsString(), "sent with the job, as the extensions do");
        assertEquals(0, batch.requestCount("PATCH /jobs/{id}"), "no patch: there were no tasks to add first");
    }

    @Test
    void theServiceRefusesAResourceFileFromAnHttpUrlWithoutFilePath() {
        emptyPool("lin", "{\"publisher\": \"Canonical\", \"offer\": \"0001-com-ubuntu-server-jammy\", \"sku\": \"22_04-lts\"}",
                "batch.node.ubuntu 22.04");
        var jobs = farm.client().protocolLayer().jobs();
        var tasks = farm.client().protocolLayer().tasks();
        ResourceFile noPath = new ResourceFile().withHttpUrl("https://example.com/render.sh");
        BatchErrorException prep = assertThrows(BatchErrorException.class, () -> jobs.add(new JobAddParameter().withId("j")
                .withPoolInfo(new PoolInformation().withPoolId("lin"))
                .withJobPreparationTask(new com.microsoft.azure.batch.protocol.models.JobPreparationTask()
                        .withCommandLine("/bin/true").withResourceFiles(List.of(noPath)))));
        assertEquals("MissingRequiredProperty", prep.body().code());
        jobs.add(new JobAddParameter().withId("j").withPoolInfo(new PoolInformation().withPoolId("lin")));
        BatchErrorException task = assertThrows(BatchErrorException.class, () -> tasks.add("j",
                new TaskAddParameter().withId("0").withCommandLine("/bin/true").withResourceFiles(List.of(noPath))));
        assertEquals("MissingRequiredProperty", task.body().code());
        tasks.add("j", new TaskAddParameter().withId("0").withCommandLine("/bin/true")
                .withResourceFiles(List.of(noPath.withFilePath("render.sh"))));
        assertTrue(batch.taskBody("j", "0").isPresent());
    }
}

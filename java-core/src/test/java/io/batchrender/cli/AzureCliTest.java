package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --farm azure} on the CLI, against the Batch test double: the same --json shapes as the local farm. */
class AzureCliTest {

    @TempDir
    Path tmp;

    BatchDouble batch;

    record Result(int code, String out, String err) {
        JsonElement json() {
            return JsonParser.parseString(out);
        }
    }

    @BeforeEach
    void start() throws Exception {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
    }

    @AfterEach
    void stop() {
        batch.close();
    }

    Result run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BATCHRENDER_HOME", tmp.resolve("state").toString());
        env.put("AZURE_BATCH_ENDPOINT", batch.url());
        env.put("AZURE_BATCH_ACCOUNT", batch.account());
        env.put("AZURE_BATCH_ACCESS_KEY", batch.key());
        env.putAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void poolsAreCreatedListedResizedAndDeletedWithTheLocalFarmsJsonShape() {
        assertEquals(0, run("pool", "create", "render", "--farm", "azure", "--dedicated", "1", "--spot", "2",
                "--slots-per-node", "4", "--vm-size", "Standard_D8s_v5").code());

        JsonObject pool = run("pools", "--farm", "azure", "--json").json().getAsJsonArray().get(0).getAsJsonObject();
        JsonObject local = run("pools", "--json").json().getAsJsonArray().get(0).getAsJsonObject();

        assertEquals(local.keySet(), pool.keySet());
        assertTrue(pool.keySet().containsAll(Set.of("id", "state", "allocationState", "vmSize", "currentDedicatedNodes",
                "targetDedicatedNodes", "currentLowPriorityNodes", "targetLowPriorityNodes")));
        assertEquals("render", pool.get("id").getAsString());
        assertEquals("standard_d8s_v5", pool.get("vmSize").getAsString());
        assertEquals(1, pool.get("targetDedicatedNodes").getAsInt());
        assertEquals(2, pool.get("targetLowPriorityNodes").getAsInt());
        assertEquals(12, pool.get("targetSlots").getAsInt());

        assertEquals(0, run("pool", "resize", "render", "0", "--farm", "azure").code());
        JsonObject resized = run("pools", "--farm", "azure", "--json").json().getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(0, resized.get("targetDedicatedNodes").getAsInt());
        assertEquals(0, resized.get("targetLowPriorityNodes").getAsInt());

        assertEquals(0, run("pool", "delete", "render", "--farm", "azure").code());
        // Batch deletes a pool in the background: until it is gone, a resize answers PoolBeingDeleted.
        Result beingDeleted = run("pool", "resize", "render", "2", "--farm", "azure");
        assertEquals(1, beingDeleted.code());
        assertTrue(beingDeleted.err().startsWith("error: Pool not found")
                || beingDeleted.err().startsWith("error: It is being deleted (PoolBeingDeleted)"), beingDeleted.err());
    }

    @Test
    void aPoolDeletedWithWaitIsGoneWhenTheCommandReturnsAndItsNameIsFreeAgain() {
        assertEquals(0, run("pool", "create", "render", "--farm", "azure", "--dedicated", "2").code());
        assertEquals(0, run("pool", "resize", "render", "4", "--farm", "azure").code());

        Result deleted = run("pool", "delete", "render", "--wait", "--farm", "azure");

        assertEquals(0, deleted.code(), deleted.err());
        assertTrue(deleted.err().endsWith("Pool render is deleted.\n"), deleted.err());
        assertEquals("[]", run("pools", "--farm", "azure", "--json").out().strip());
        Result missing = run("pool", "resize", "render", "2", "--farm", "azure");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: Pool not found"), missing.err());
        assertEquals(0, run("pool", "create", "render", "--farm", "azure").code(), "the name is free again");
    }

    @Test
    void aJobWhosePreparationFailsIsShownBlockedAndCanGetFreshNodesOrBeEndedWithAReason() throws Exception {
        run("pool", "create", "render", "--farm", "azure", "--dedicated", "1");
        // the asset container cannot be reached from the node: its job preparation (the download) fails
        Result submit = run("submit", "--farm", "azure", "--pool", "render", "--command", "echo {frame}", "--frames", "1-2",
                "--assets-url", "http://127.0.0.1:1/fgrp-gone?sv=2019-12-12&sig=x", "--json");
        assertEquals(0, submit.code(), submit.err());
        String id = submit.json().getAsJsonObject().get("jobId").getAsString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Result jobs = run("jobs", "--farm", "azure");
        while (!jobs.out().contains("blocked") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            jobs = run("jobs", "--farm", "azure");
        }

        assertTrue(jobs.out().contains(id) && jobs.out().contains("blocked"), jobs.out());
        assertTrue(jobs.err().startsWith(id + ": The job's preparation (laying its asset project out on the node) failed"),
                jobs.err());
        Result shown = run("job", "show", id, "--farm", "azure");
        assertTrue(shown.out().contains("\nBLOCKED  The job's preparation"), shown.out());
        Result replaced = run("job", "replace-nodes", id, "--farm", "azure");
        assertEquals(0, replaced.code(), replaced.err());
        assertEquals("Replaced 1 node(s) of pool render with fresh ones; the job's tasks run once a new node has prepared.",
                replaced.err().strip());
        Result cancelled = run("job", "cancel", id, "--farm", "azure", "--reason", "assets unreachable from the nodes");
        assertEquals(0, cancelled.code(), cancelled.err());
        assertEquals("assets unreachable from the nodes", batch.jobBody(id).orElseThrow().getAsJsonObject("executionInfo")
                .get("terminateReason").getAsString());
    }

    @Test
    void aJobIsSubmittedWaitedForShownAndItsLogsRead() {
        run("pool", "create", "render", "--farm", "azure", "--slots-per-node", "2");

        Result submit = run("submit", "--farm", "azure", "--pool", "render", "--command", "sh -c 'echo frame {frame} $GREETING'",
                "--frames", "1-3", "--env", "GREETING=hello", "--env", "AZ_BATCH_TASK_ID=hijack", "--wait", "--json");

        assertEquals(0, submit.code(), submit.err());
        JsonObject job = submit.json().getAsJsonObject();
        assertEquals("completed", job.get("state").getAsString());
        assertEquals(3, job.getAsJsonObject("taskCounts").get("succeeded").getAsInt());
        String id = job.get("id").getAsString();
        Result logs = run("job", "logs", id, "2", "--stdout", "--farm", "azure");
        assertEquals("frame 2 hello\n", logs.out());
        JsonObject shown = run("job", "show", id, "--json", "--farm", "azure").json().getAsJsonObject();
        assertEquals(3, shown.getAsJsonArray("tasks").size());
        assertEquals(0, run("job", "delete", id, "--farm", "azure").code());
        assertEquals("[]", run("jobs", "--farm", "azure", "--json").out().strip());
    }

    @Test
    void aWrongKeyOrMissingAccountIsOneLineSayingWhatToDo() {
        Result wrong = run(Map.of("AZURE_BATCH_ACCESS_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32])),
                "pools", "--farm", "azure");
        assertEquals(1, wrong.code());
        assertEquals("error: authentication failed: check the Batch account name, URL and key\n", wrong.err());

        Result missing = run(Map.of("AZURE_BATCH_ACCOUNT", ""), "jobs", "--farm", "azure");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("set AZURE_BATCH_ACCOUNT"), missing.err());
        assertTrue(!missing.err().contains(batch.key()));
    }
}

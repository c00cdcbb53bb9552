package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code template run --farm azure} on the Batch double with no storage account configured: a
 * template that uses no file group runs (docs/azure-farm.md), its shell syntax runs in the pool's
 * bash as the Batch CLI extensions wrap it, and a parameters file's value for a parameter the
 * template does not declare is a warning.
 */
class TemplateAzureCliTest {

    @TempDir
    Path tmp;

    BatchDouble batch;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
    }

    @AfterEach
    void stop() {
        batch.close();
    }

    Result run(String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("AZURE_STORAGE"));
        env.put("BATCHRENDER_HOME", tmp.resolve("state").toString());
        env.put("AZURE_BATCH_ENDPOINT", batch.url());
        env.put("AZURE_BATCH_ACCOUNT", batch.account());
        env.put("AZURE_BATCH_ACCESS_KEY", batch.key());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aTemplateWithoutFileGroupsRunsWithNoStorageAccountAndItsShellLineRunsInBash() throws Exception {
        assertEquals(0, run("pool", "create", "render", "--farm", "azure", "--dedicated", "1").code());
        Path template = tmp.resolve("job.json");
        Files.writeString(template, """
                {"parameters": {"frames": {"type": "int", "defaultValue": 2}},
                 "job": {"id": "plain", "poolInfo": {"poolId": "render"}, "onAllTasksComplete": "terminateJob",
                   "taskFactory": {"type": "parametricSweep", "parameterSets": [{"start": 1, "end": "[parameters('frames')]"}],
                     "repeatTask": {"commandLine": "echo frame {0} of $AZ_BATCH_JOB_ID > f.txt && cat f.txt"}}}}""");
        Path params = tmp.resolve("params.json");
        Files.writeString(params, "{\"frames\": {\"value\": 2}, \"frameStep\": {\"value\": 1}}");

        Result r = run("template", "run", template.toString(), "--parameters", params.toString(), "--farm", "azure",
                "--wait", "--json");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: " + params + ":1: " + template + " has no parameter 'frameStep'"), r.err());
        JsonObject done = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(2, done.getAsJsonObject("taskCounts").get("succeeded").getAsInt(), r.out());
        Result logs = run("job", "logs", "plain", "1", "--stdout", "--farm", "azure");
        assertEquals("frame 2 of plain\n", logs.out(), logs.err());
    }
}

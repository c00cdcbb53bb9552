package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Command lines in the pool's shell, as the Batch CLI extensions submit them
 * ({@code azext/batch/_template_utils.py}: {@code post_processing}, {@code _is_prefixed},
 * {@code _add_cmd_prefix}; {@code _pool_utils.py}: {@code get_pool_target_os_type}). Expected
 * values come from the extensions' own test data and what they sent to Batch (recorded), and from
 * reading Batch Explorer's Maya templates.
 */
class TaskShellTest {

    /** The body the extensions POSTed to /pools for pool {@code id} in their recorded live test. */
    private static JsonObject recordedPoolRequest(String id) throws IOException {
        Path rec = SharedTemplates.azureBatch("recordings-batch-cli-extensions/test_batch_extensions_live.redacted.json");
        for (JsonElement e : JsonParser.parseString(Files.readString(rec)).getAsJsonObject().getAsJsonArray("interactions")) {
            JsonObject req = e.getAsJsonObject().getAsJsonObject("request");
            if (req.get("method").getAsString().equals("POST") && req.get("uri").getAsString().contains("/pools?")
                    && req.get("body").isJsonPrimitive()) {
                JsonObject body = JsonParser.parseString(req.get("body").getAsString()).getAsJsonObject();
                if (body.get("id").getAsString().equals(id)) {
                    return body;
                }
            }
        }
        throw new IllegalStateException("no POST /pools for " + id + " in " + rec);
    }

    private static Path extensionsData(String name) throws URISyntaxException {
        return Path.of(TaskShellTest.class.getResource("/azure-batch-cli-extensions/" + name).toURI());
    }

    @Test
    void theExtensionsOwnPoolTemplateBecomesTheRequestTheyRecordedSending() throws Exception {
        ExpandedPool pool = PoolTemplates.expand(Template.read(extensionsData("batch.pool.simple.resourcefile-legacy.json")),
                ParameterValues.none());
        JsonObject sent = recordedPoolRequest("blobsource1");
        JsonObject ours = pool.pool();
        // "sleep 1" -> "/bin/bash -c 'set -e; set -o pipefail; sleep 1; wait'" on an Ubuntu pool
        assertEquals(sent.getAsJsonObject("startTask").get("commandLine"), ours.getAsJsonObject("startTask").get("commandLine"));
        // "targetDedicatedNodes": "1" in the template, 1 (a number) in the request
        assertEquals(sent.get("targetDedicatedNodes"), ours.get("targetDedicatedNodes"));
        assertEquals(sent.get("targetLowPriorityNodes"), ours.get("targetLowPriorityNodes"));
        assertTrue(ours.get("targetDedicatedNodes").getAsJsonPrimitive().isNumber());
        assertEquals(sent.getAsJsonObject("startTask").get("resourceFiles"), ours.getAsJsonObject("startTask").get("resourceFiles"));
    }

    @Test
    void linuxAndWindowsWrappingAndWhatCountsAsAlreadyInAShell() {
        assertEquals("/bin/bash -c 'set -e; set -o pipefail; mkdir out;echo $HOME; wait'",
                TaskShell.wrap("mkdir out;echo $HOME", TaskShell.Os.LINUX));
        assertEquals("cmd /c \"mkdir images & %ARNOLD_EXEC% -i \"x.ass\"\"",
                TaskShell.wrap("mkdir images & %ARNOLD_EXEC% -i \"x.ass\"", TaskShell.Os.WINDOWS), "nothing inside is escaped");
        for (String already : List.of("cmd.exe /c x.bat", "cmd /c x.bat", "/bin/bash -c 'x'", "/bin/sh -c 'x'")) {
            assertEquals(already, TaskShell.wrap(already, TaskShell.Os.LINUX));
            assertEquals(already, TaskShell.wrap(already, TaskShell.Os.WINDOWS));
        }
        // the extensions compare the start exactly: another case or a leading space is not a shell
        assertEquals("cmd /c \"CMD /C x.bat\"", TaskShell.wrap("CMD /C x.bat", TaskShell.Os.WINDOWS));
        assertEquals("/bin/bash -c 'set -e; set -o pipefail; bash -c x; wait'", TaskShell.wrap("bash -c x", TaskShell.Os.LINUX));
    }

    @Test
    void thePoolsOsComesFromItsNodeAgentElseItsImagePublisher() {
        assertEquals(TaskShell.Os.LINUX, TaskShell.osOf("batch.node.ubuntu 22.04", "canonical"));
        assertEquals(TaskShell.Os.WINDOWS, TaskShell.osOf("batch.node.windows amd64", "microsoftwindowsserver"));
        assertEquals(TaskShell.Os.LINUX, TaskShell.osOf("batch.node.el 9", null), "a Compute Gallery image with a Linux agent");
        assertEquals(TaskShell.Os.WINDOWS, TaskShell.osOf(null, "MicrosoftWindowsServer"));
        assertEquals(TaskShell.Os.LINUX, TaskShell.osOf(null, "Canonical"));
        assertEquals(TaskShell.Os.WINDOWS, TaskShell.osOf(null, null), "no virtual machine configuration: Cloud Services, Windows");
    }

    @Test
    void batchExplorersMayaJobsRunInTheShellOfTheirPool() {
        for (String os : List.of("linux", "windows")) {
            Template poolTemplate = Template.read(SharedTemplates.maya("render-arnold-" + os + "/pool.template.json"));
            ExpandedPool pool = PoolTemplates.expand(poolTemplate, ParameterValues.none());
            TaskShell.Os poolOs = TaskShell.osOf(pool.pool());
            assertEquals(os.equals("linux") ? TaskShell.Os.LINUX : TaskShell.Os.WINDOWS, poolOs);

            Template t = Template.read(SharedTemplates.maya("render-arnold-" + os + "/job.template.json"));
            ExpandedJob job = JobTemplates.expand(t, ParameterValues.fromArgs(MayaTemplatesTest.SHOT010), FileGroupFiles.none());
            ExpandedJob run = TaskShell.wrap(job, poolOs);
            for (int i = 0; i < job.taskCount(); i++) {
                String line = job.task(i).get("commandLine").getAsString();
                String wrapped = run.task(i).get("commandLine").getAsString();
                if (os.equals("linux")) { // the task writes "mkdir ...;sudo mkdir ...;...;exit $err"
                    assertTrue(line.startsWith("mkdir \"$AZ_BATCH_TASK_WORKING_DIR/thumbs\";"), line);
                    assertEquals("/bin/bash -c 'set -e; set -o pipefail; " + line + "; wait'", wrapped);
                } else { // "mkdir \"%AZ_BATCH_TASK_WORKING_DIR%\\thumbs\" & subst X: ..."
                    assertTrue(line.startsWith("mkdir \"%AZ_BATCH_TASK_WORKING_DIR%\\thumbs\" & "), line);
                    assertEquals("cmd /c \"" + line + "\"", wrapped);
                }
            }
            // the job preparation and release tasks start with a shell already and are sent as written
            for (String k : List.of("jobPreparationTask", "jobReleaseTask")) {
                assertEquals(job.job().getAsJsonObject(k).get("commandLine"), run.job().getAsJsonObject(k).get("commandLine"));
            }
        }
    }
}

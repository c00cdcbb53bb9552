package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as scripts and the Maya plug-in read it: exit codes, one-line errors, the --json shapes. */
class CliTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
        JsonElement json() {
            return JsonParser.parseString(out);
        }
    }

    Result run(String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BATCHRENDER_HOME", tmp.resolve("state").toString());
        env.put("BATCHRENDER_AGENT_IDLE_SECONDS", "20");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @AfterEach
    void stopAgent() {
        run("agent", "--stop");
    }

    @Test
    void helpListsEveryCommandAndHelpOfOneCommandWorks() {
        Result all = run("--help");
        assertEquals(0, all.code(), all.err());
        for (String name : List.of("submit", "scan", "jobs", "job", "pools", "pool", "agent", "help")) {
            assertTrue(all.out().contains("\n  " + name + " "), name + " missing from:\n" + all.out());
        }
        Result one = run("help", "scan");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("Usage: batchrender scan"), one.out());
        Result typo = run("scna", "x.ma");
        assertEquals(Main.EXIT_USAGE, typo.code());
        assertTrue(typo.err().contains("'scna'"), typo.err());
    }

    @Test
    void submitPrintsTheJobIdAndJobShowPrintsItsTasks() {
        Result submit = run("submit", "--command", "sh -c 'echo rendering {start}-{end}'", "--frames", "1-3",
                "--chunk", "2", "--json");
        assertEquals(0, submit.code(), submit.err());
        String jobId = submit.json().getAsJsonObject().get("jobId").getAsString();

        Result waited = run("submit", "--command", "true", "--frames", "1", "--wait", "--json");
        assertEquals(0, waited.code(), waited.err());
        awaitCompleted(jobId);
        Result show = run("job", "show", jobId, "--json");

        JsonObject job = show.json().getAsJsonObject();
        assertEquals(jobId, job.get("id").getAsString());
        assertEquals("completed", job.get("state").getAsString());
        assertEquals(tmp.resolve("state").resolve("jobs").resolve(jobId).resolve("output").toString(),
                job.get("outputDir").getAsString());
        JsonArray tasks = job.getAsJsonArray("tasks");
        assertEquals(2, tasks.size());
        assertEquals("1", tasks.get(0).getAsJsonObject().get("id").getAsString());
        assertEquals(List.of(1, 2), ints(tasks.get(0).getAsJsonObject().getAsJsonArray("frames")));
        assertEquals(List.of(3), ints(tasks.get(1).getAsJsonObject().getAsJsonArray("frames")));
        for (JsonElement t : tasks) {
            JsonObject task = t.getAsJsonObject();
            assertEquals("completed", task.get("state").getAsString());
            assertEquals("success", task.get("result").getAsString());
            assertEquals(0, task.get("exitCode").getAsInt());
            assertEquals(1, task.get("attempts").getAsInt());
        }
        Result logs = run("job", "logs", jobId, "2", "--stdout");
        assertEquals("rendering 3-3\n", logs.out());
    }

    @Test
    void jobShowPrintsAPageOfTasksOfOneStateWithTheCountsOfEveryState() {
        assertEquals(0, run("pool", "resize", "local", "0").code(), "paused: every task stays active");
        Result submit = run("submit", "--command", "true", "--frames", "1-250", "--json");
        assertEquals(0, submit.code(), submit.err());
        String jobId = submit.json().getAsJsonObject().get("jobId").getAsString();

        JsonObject page3 = run("job", "show", jobId, "--page", "3", "--page-size", "100", "--json").json().getAsJsonObject();
        JsonArray tasks = page3.getAsJsonArray("tasks");
        assertEquals(50, tasks.size(), "frames 201-250, one task each");
        assertEquals(List.of(201), ints(tasks.get(0).getAsJsonObject().getAsJsonArray("frames")));
        assertEquals(List.of(250), ints(tasks.get(49).getAsJsonObject().getAsJsonArray("frames")));
        JsonObject page = page3.getAsJsonObject("page");
        assertEquals(3, page.get("number").getAsInt());
        assertEquals(3, page.get("pages").getAsInt());
        assertEquals(250, page.get("matching").getAsInt());
        assertEquals(250, page3.getAsJsonObject("taskCounts").get("active").getAsInt());
        assertEquals(0, run("job", "show", jobId, "--state", "running", "--json").json().getAsJsonObject()
                .getAsJsonArray("tasks").size());

        assertEquals(0, run("job", "cancel", jobId).code());
        JsonObject failed = run("job", "show", jobId, "--state", "failed", "--page", "2", "--json").json().getAsJsonObject();
        assertEquals(100, failed.getAsJsonArray("tasks").size(), "the default page: 100 tasks");
        assertEquals(List.of(101), ints(failed.getAsJsonArray("tasks").get(0).getAsJsonObject().getAsJsonArray("frames")));
        assertEquals("failed", failed.getAsJsonObject("page").get("state").getAsString());
        assertEquals(250, failed.getAsJsonObject("taskCounts").get("failed").getAsInt());
        assertEquals(0, run("job", "show", jobId, "--state", "active", "--json").json().getAsJsonObject()
                .getAsJsonArray("tasks").size());

        Result text = run("job", "show", jobId, "--state", "completed", "--page", "2");
        assertTrue(text.out().contains("Tasks    250: 0 active, 0 running, 0 succeeded, 250 failed"), text.out());
        assertTrue(text.out().contains("Page     2 of 3: tasks 101-200 of 250 completed (next: --page 3)"), text.out());
        assertEquals(100, text.out().lines().filter(l -> l.contains("completed failure")).count(), text.out());

        Result bad = run("job", "show", jobId, "--state", "done");
        assertEquals(Main.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("'done' is not a task state: give one of active, running, completed, succeeded, failed"),
                bad.err());
        assertEquals(Main.EXIT_USAGE, run("job", "show", jobId, "--page", "0").code());
    }

    @Test
    void waitExitsNonZeroWhenATaskFailsAndTheTableSaysWhy() {
        Result waited = run("submit", "--command", "sh -c 'exit 4'", "--frames", "1", "--retries", "0", "--wait");

        assertEquals(Main.EXIT_FAILED, waited.code());
        String jobId = waited.out().strip();
        Result show = run("job", "show", jobId);
        assertTrue(show.out().contains("completed failure"), show.out());
        assertTrue(show.out().contains("sh exited with code 4"), show.out());
    }

    @Test
    void aDryRunPrintsTheJobAsTheFarmWouldStoreItAndSubmitsNothing() {
        Result dry = run("submit", "--command", "sh -c 'echo {start}-{end} > {output}/f{start}.txt'", "--frames", "1-4",
                "--chunk", "2", "--dry-run", "--json");

        assertEquals(0, dry.code(), dry.err());
        var job = dry.json().getAsJsonObject().getAsJsonObject("job");
        var tasks = job.getAsJsonArray("tasks");
        assertEquals(2, tasks.size());
        var args = tasks.get(1).getAsJsonObject().getAsJsonObject("command").getAsJsonArray("args");
        assertEquals("echo 3-4 > ${BATCHRENDER_OUTPUT_DIR}/f3.txt", args.get(1).getAsString(), "the command as it will run");
        assertEquals(0, run("jobs", "--json").json().getAsJsonArray().size(), "nothing was submitted");
    }

    @Test
    void jobsAndPoolsListAsJson() {
        run("pool", "resize", "local", "3");
        JsonArray pools = run("pools", "--json").json().getAsJsonArray();
        assertEquals(1, pools.size());
        assertEquals("local", pools.get(0).getAsJsonObject().get("id").getAsString());
        assertEquals(3, pools.get(0).getAsJsonObject().get("targetSlots").getAsInt());
        assertEquals(0, run("jobs", "--json").json().getAsJsonArray().size());
    }

    @Test
    void badInputGetsOneLineAndNoJob() throws Exception {
        Path notScene = Files.writeString(tmp.resolve("shot.mb"), "not maya");
        for (String[] args : List.of(
                new String[] {"submit", notScene.toString(), "--frames", "1"},
                new String[] {"submit", notScene.toString(), "--frames", "1-10x0"},
                new String[] {"submit", notScene.toString(), "--frames", "1", "--renderer", "mentalray"},
                new String[] {"submit", tmp.resolve("nope.blend").toString(), "--frames", "1"},
                new String[] {"submit", tmp.toString(), "--frames", "1", "--renderer", "blender"},
                new String[] {"submit", "--command", "echo 'unclosed", "--frames", "1"},
                new String[] {"submit", "--frames", "1"})) {
            Result r = run(args);
            assertEquals(Main.EXIT_USAGE, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
        assertEquals(0, run("jobs", "--json").json().getAsJsonArray().size());
    }

    private void awaitCompleted(String jobId) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!run("job", "show", jobId, "--json").json().getAsJsonObject().get("state").getAsString().equals("completed")) {
            assertTrue(System.currentTimeMillis() < deadline, "job did not complete");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Integer> ints(JsonArray arr) {
        return arr.asList().stream().map(JsonElement::getAsInt).toList();
    }

    @Test
    void scanPrintsTheManifestAndExitsZeroEvenWithMissingFiles() {
        Path scene = io.batchrender.render.TestScenes.testData("maya/azure-batch-maya/tests/data/empty.mb");

        Result scan = run("scan", scene.toString(), "--json");

        assertEquals(0, scan.code(), scan.err());
        JsonObject m = scan.json().getAsJsonObject();
        for (String key : List.of("scene", "renderer", "frames", "outputPrefix", "resolution", "layers", "assets")) {
            assertTrue(m.has(key), key);
        }
        JsonObject first = m.getAsJsonArray("assets").get(0).getAsJsonObject();
        for (String key : List.of("node", "nodeType", "attribute", "path", "files", "status")) {
            assertTrue(first.has(key), key);
        }
        assertEquals("missing", first.get("status").getAsString());
        Result text = run("scan", scene.toString());
        assertTrue(text.out().contains("missing") && text.out().contains("butterfly.png"), text.out());
    }

    @Test
    void scanOfSomethingThatIsNotASceneIsAOneLineError() throws Exception {
        Path notScene = Files.writeString(tmp.resolve("notes.ma"), "hello");
        for (Path p : List.of(notScene, tmp.resolve("missing.ma"), tmp)) {
            Result r = run("scan", p.toString());
            assertEquals(Main.EXIT_USAGE, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void aMayaSceneWithMissingFilesIsRefusedUnlessAllowed() {
        // empty.mb names C:/Users/antisch/Pictures/butterfly.png and D:/Test_Data/0012.png, neither of which is here
        String scene = io.batchrender.render.TestScenes.testData("maya/azure-batch-maya/tests/data/empty.mb").toString();

        Result refused = run("submit", scene, "--frames", "1");

        assertEquals(Main.EXIT_USAGE, refused.code());
        assertTrue(refused.err().startsWith("error: 2 file(s) the scene needs are missing, first file1.ftn = "
                + "C:/Users/antisch/Pictures/butterfly.png"), refused.err());
        assertEquals(0, run("jobs", "--json").json().getAsJsonArray().size());

        Result allowed = run("submit", scene, "--frames", "1", "--allow-missing", "--json");
        assertEquals(0, allowed.code(), allowed.err());
    }

    @Test
    void aMayaSceneRendersItsOwnFramesWhenNoneAreGiven() {
        // cube.ma: animation off, :time1 .o 537: Maya renders frame 537
        String scene = io.batchrender.render.TestScenes.testData(
                "maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma").toString();

        Result submit = run("submit", scene, "--renderer", "arnold", "--json");

        assertEquals(0, submit.code(), submit.err());
        String jobId = submit.json().getAsJsonObject().get("jobId").getAsString();
        JsonArray tasks = run("job", "show", jobId, "--json").json().getAsJsonObject().getAsJsonArray("tasks");
        assertEquals(List.of(537), ints(tasks.get(0).getAsJsonObject().getAsJsonArray("frames")));
    }
}

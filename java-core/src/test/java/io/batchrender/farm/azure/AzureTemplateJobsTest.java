package io.batchrender.farm.azure;

import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import static io.batchrender.farm.azure.HistoricalTemplates.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.watch.FetchedFile;
import io.batchrender.watch.Thumbnailer;
import io.batchrender.watch.WatchOptions;
import io.batchrender.watch.WatchPaths;
import io.batchrender.watch.WatchState;
import io.batchrender.watch.WatchStatus;
import io.batchrender.watch.Watcher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expanded templates onto the Batch double with real Azurite storage: what arrives at the service
 * (read back from the double), what lands in the file groups when the tasks run, and what a
 * template Azure cannot run leaves behind (nothing).
 */
class AzureTemplateJobsTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    private static final String MAYA_JOB = "ncj-templates-historical/maya/render-arnold-linux/job.template.json";

    @TempDir
    Path tmp;

    private BatchDouble batch;
    private AzureBlobStore store;
    private AzureFarm farm;

    @BeforeEach
    void start() throws Exception {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
        store = AZURITE.store();
        farm = DoubleFarms.on(batch, tmp.resolve("state"), "unused");
    }

    @AfterEach
    void stop() {
        batch.close();
        store.close();
    }

    private ExpandedJob mayaJob(String jobName, String outputs, int frameStart, int frameEnd) throws Exception {
        return HistoricalTemplates.sweepJob(MAYA_JOB, params("jobName", jobName, "jobPriority", 0, "poolId", "maya-pool",
                "mayaVersion", "Maya2018", "inputDataSas", "https://acct.blob.core.windows.net/fgrp-robot?sv=2024&sig=given",
                "additionalFlags", " ", "inputData", "robot", "sceneFile", "scenes/robot.ma", "frameStart", frameStart, "frameEnd", frameEnd,
                "outputs", outputs), frameStart, frameEnd);
    }

    private void idlePool(String id) {
        farm.createPool(new PoolSpec(id, "standard_d4s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
    }

    private static Map<String, String> sas(String url) {
        Map<String, String> q = new HashMap<>();
        for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private void put(String container, String name, String text) throws Exception {
        store.createContainer(container);
        Path f = Files.createTempFile(tmp, "blob", ".txt");
        Files.writeString(f, text);
        store.upload(container, name, f, Files.size(f), null, n -> { }, new Cancellation());
    }

    private String get(String container, String name) throws Exception {
        try (var in = store.openRead(container, name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theMayaArnoldJobArrivesWithItsTasksAndItsOutputsGoToTheFileGroupThroughAWriteSas() throws Exception {
        idlePool("maya-pool");
        ExpandedJob job = mayaJob("robot-walk", "robot-renders", 1, 3);

        TemplateSubmission s = new AzureTemplateJobs(farm, store).submit(job);

        assertEquals("robot-walk", s.jobId());
        assertEquals(List.of("0", "1", "2"), batch.taskIds("robot-walk"));
        JsonObject j = batch.jobBody("robot-walk").orElseThrow();
        assertEquals("maya-pool", j.getAsJsonObject("poolInfo").get("poolId").getAsString());
        assertEquals(0, j.get("priority").getAsInt());
        assertEquals("terminatejob", j.get("onAllTasksComplete").getAsString(), "set once the tasks were in");
        assertFalse(j.get("usesTaskDependencies").getAsBoolean());
        assertEquals("/bin/bash -c 'azcopy --source \"https://acct.blob.core.windows.net/fgrp-robot?sv=2024&sig=given\""
                + " --destination \"$AZ_BATCH_JOB_PREP_WORKING_DIR\" --recursive'",
                j.getAsJsonObject("jobPreparationTask").get("commandLine").getAsString());
        assertEquals("admin", j.getAsJsonObject("jobPreparationTask").getAsJsonObject("userIdentity").getAsJsonObject("autoUser")
                .get("elevationLevel").getAsString());
        assertEquals("/bin/bash -c \"sudo rm -rfv $AZ_BATCH_JOB_PREP_WORKING_DIR/*\"",
                j.getAsJsonObject("jobReleaseTask").get("commandLine").getAsString());

        String container = store.containerUrl("fgrp-robot-renders");
        assertTrue(store.containerExists("fgrp-robot-renders"), "the output file group is created");
        for (int i = 0; i < 3; i++) {
            int frame = i + 1;
            JsonObject t = batch.taskBody("robot-walk", Integer.toString(i)).orElseThrow();
            assertEquals("Frame " + frame, t.get("displayName").getAsString());
            String cmd = t.get("commandLine").getAsString();
            // the template's line, in the Linux pool's bash as the Batch CLI extensions submit it
            // (_template_utils.py _add_cmd_prefix); its job preparation and release lines start with /bin/bash -c already
            assertTrue(cmd.startsWith("/bin/bash -c 'set -e; set -o pipefail; mkdir \"$AZ_BATCH_TASK_WORKING_DIR/thumbs\";sudo mkdir"
                    + " -m a=rwx -p \"/X\";"), cmd);
            assertTrue(cmd.endsWith("export maya_version=Maya2018.sh;export maya_version=${maya_version,,};$maya_version -r arnold"
                    + " -ai:lve 1   -proj \"$AZ_BATCH_JOB_PREP_WORKING_DIR\" -rd \"$AZ_BATCH_TASK_WORKING_DIR/images\" -s " + frame
                    + " -e " + frame + " \"/X/scenes/robot.ma\";err=$?;sudo umount \"/X\";exit $err; wait'"), cmd);
            assertEquals("pool", t.getAsJsonObject("userIdentity").getAsJsonObject("autoUser").get("scope").getAsString());
            assertEquals("FLEXLM_TIMEOUT", t.getAsJsonArray("environmentSettings").get(1).getAsJsonObject().get("name").getAsString());
            List<String[]> outs = new ArrayList<>();
            for (JsonElement o : t.getAsJsonArray("outputFiles")) {
                JsonObject dest = o.getAsJsonObject().getAsJsonObject("destination");
                assertFalse(dest.has("autoStorage"));
                JsonObject c = dest.getAsJsonObject("container");
                String url = c.get("containerUrl").getAsString();
                assertTrue(url.startsWith(container + "?"), url);
                String sp = sas(url).get("sp");
                assertTrue(sp.contains("w") && sp.contains("c") && !sp.contains("r") && !sp.contains("d"), "write, never read: " + sp);
                outs.add(new String[] {o.getAsJsonObject().get("filePattern").getAsString(), c.get("path").getAsString(),
                        o.getAsJsonObject().getAsJsonObject("uploadOptions").get("uploadCondition").getAsString()});
            }
            assertEquals(List.of("../stdout.txt robot-walk/logs/frame_" + frame + ".log taskcompletion",
                    "../stderr.txt robot-walk/logs/frame_" + frame + "_error.log taskcompletion",
                    "images/**/* robot-walk/images tasksuccess", "thumbs/**/* robot-walk/thumbs tasksuccess"),
                    outs.stream().map(o -> String.join(" ", o).toLowerCase(java.util.Locale.ROOT).replace("robot-walk/logs/frame_",
                            "robot-walk/logs/frame_")).toList());
        }
        assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("Writes outputs to container fgrp-robot-renders (created) in")),
                s.notes().toString());
        assertTrue(s.notes().stream().noneMatch(n -> n.contains("sig=") || n.contains("?")), "no SAS in notes: " + s.notes());
    }

    /**
     * Three frames that copy the scene from file group {@code shot} into {@code images/} (all into
     * the file group {@code shot-renders}' folder {@code robot/images}, their logs each to its own
     * blob), and a merge task listing the frames, on a one-node pool {@code render}.
     */
    private TemplateSubmission submitRobotJob(String jobId) throws Exception {
        String pool = new AzureTemplatePools(farm, store).create(new ExpandedPool(JsonParser.parseString("""
                {"id": "render", "vmSize": "standard_d2s_v5",
                 "virtualMachineConfiguration": {"imageReference": {"publisher": "Canonical",
                   "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts"}, "nodeAgentSKUId": "batch.node.ubuntu 22.04"},
                 "targetDedicatedNodes": 1, "taskSlotsPerNode": 2}""").getAsJsonObject()));
        assertEquals("render", pool);
        JsonObject job = JsonParser.parseString("""
                {"id": "%s", "poolInfo": {"poolId": "render"}, "onAllTasksComplete": "terminateJob",
                 "jobPreparationTask": {"commandLine": "/bin/sh -c 'test -f assets/scenes/robot.ma'",
                   "resourceFiles": [{"autoStorageContainerName": "fgrp-shot", "blobPrefix": "scenes/", "filePath": "assets"}]}}
                """.formatted(jobId)).getAsJsonObject();
        List<JsonObject> tasks = new ArrayList<>();
        for (int frame = 1; frame <= 3; frame++) {
            tasks.add(JsonParser.parseString("""
                    {"id": "%d", "displayName": "Frame %d",
                     "commandLine": "/bin/sh -c 'mkdir -p images && cp \\"$AZ_BATCH_JOB_PREP_WORKING_DIR/assets/scenes/robot.ma\\" images/frame_%d.txt && echo rendered %d'",
                     "outputFiles": [
                       {"filePattern": "images/**/*", "destination": {"autoStorage": {"fileGroup": "shot-renders", "path": "robot/images"}},
                        "uploadOptions": {"uploadCondition": "taskSuccess"}},
                       {"filePattern": "../stdout.txt", "destination": {"autoStorage": {"fileGroup": "shot-renders", "path": "robot/logs/frame_%d.log"}},
                        "uploadOptions": {"uploadCondition": "taskCompletion"}}]}
                    """.formatted(frame - 1, frame, frame, frame, frame)).getAsJsonObject());
        }
        tasks.add(JsonParser.parseString("""
                {"id": "merge", "commandLine": "/bin/sh -c 'ls frames/robot/images > list.txt'",
                 "dependsOn": {"taskIdRanges": [{"start": 0, "end": 2}]},
                 "resourceFiles": [{"autoStorageContainerName": "fgrp-shot-renders", "blobPrefix": "robot/images/", "filePath": "frames"}],
                 "outputFiles": [{"filePattern": "list.txt", "destination": {"autoStorage": {"fileGroup": "shot-renders", "path": "robot/list.txt"}},
                   "uploadOptions": {"uploadCondition": "taskSuccess"}}]}
                """).getAsJsonObject());
        return new AzureTemplateJobs(farm, store).submit(new ExpandedJob(job, tasks));
    }

    @Test
    void aJobReadsItsFileGroupWritesItsFramesAndItsMergeTaskRunsLast() throws Exception {
        put("fgrp-shot", "scenes/robot.ma", "robot scene v1");
        put("fgrp-shot", "other/skip.txt", "not this prefix");

        TemplateSubmission s = submitRobotJob("robot-e2e");

        JsonObject arrived = batch.jobBody("robot-e2e").orElseThrow();
        assertTrue(arrived.get("usesTaskDependencies").getAsBoolean(), "a task has dependsOn");
        assertTrue(s.notes().contains("usesTaskDependencies set on the job: a task has dependsOn."), s.notes().toString());
        JsonObject merge = batch.taskBody("robot-e2e", "merge").orElseThrow();
        assertEquals("{\"taskIdRanges\":[{\"start\":0,\"end\":2}]}", merge.get("dependsOn").toString());
        String read = merge.getAsJsonArray("resourceFiles").get(0).getAsJsonObject().get("storageContainerUrl").getAsString();
        assertTrue(read.startsWith(store.containerUrl("fgrp-shot-renders") + "?"), read);
        assertEquals("rl", sas(read).get("sp"), "read and list, nothing else");
        JsonObject prepFile = arrived.getAsJsonObject("jobPreparationTask").getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
        assertFalse(prepFile.has("autoStorageContainerName"));
        assertEquals("scenes/", prepFile.get("blobPrefix").getAsString());
        assertTrue(prepFile.get("storageContainerUrl").getAsString().startsWith(store.containerUrl("fgrp-shot") + "?"));

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JobInfo info;
        while ((info = farm.job("robot-e2e").orElseThrow()).state() != JobState.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(info.succeeded(), farm.tasks("robot-e2e").toString());
        for (int frame = 1; frame <= 3; frame++) {
            assertEquals("robot scene v1", get("fgrp-shot-renders", "robot/images/frame_" + frame + ".txt"));
            assertEquals("rendered " + frame + "\n", get("fgrp-shot-renders", "robot/logs/frame_" + frame + ".log"));
        }
        assertEquals("frame_1.txt\nframe_2.txt\nframe_3.txt\n", get("fgrp-shot-renders", "robot/list.txt"),
                "the merge task ran after all three frames were in");
    }

    /** A watcher of job {@code id} into {@code to}, run here until the job ends: polls every 0.1 s, 3 tries a file. */
    private WatchState watch(String id, Path to, AzureTaskOutputs outputs) throws Exception {
        return new Watcher(id, to, farm, outputs, new WatchPaths(new StateHome(tmp.resolve("state")), id),
                new Thumbnailer(List.of()), new WatchOptions(Duration.ofMillis(100), 0, 3), Clock.systemUTC()).run();
    }

    /**
     * The watcher follows a template job on Azure and brings home what its tasks uploaded to the
     * file group, found from each task's outputFiles as Batch keeps them; the frames an earlier run
     * left in the same folder are not taken for this job's, and one it overwrites arrives new.
     */
    @Test
    void theWatcherBringsATemplateJobsUploadsHomeAndNotAnEarlierRunsFrames() throws Exception {
        put("fgrp-shot", "scenes/robot.ma", "robot scene v2");
        put("fgrp-shot-renders", "robot/images/frame_1.txt", "an earlier run's frame 1");
        put("fgrp-shot-renders", "robot/images/frame_9.txt", "an earlier run's frame 9");
        Duration skew = Duration.ofSeconds(1);
        Thread.sleep(skew.plusMillis(1100).toMillis()); // blob times are whole seconds

        String id = submitRobotJob("robot-watched").jobId();
        Path home = tmp.resolve("renders");
        WatchState end = watch(id, home, new AzureTaskOutputs(farm, store, skew));

        assertEquals(WatchStatus.FINISHED, end.status(), end.message());
        assertTrue(farm.job(id).orElseThrow().succeeded());
        assertEquals("template", farm.job(id).orElseThrow().renderer(), "recorded in the job's metadata");
        List<String> expected = List.of("robot/images/frame_1.txt", "robot/images/frame_2.txt", "robot/images/frame_3.txt",
                "robot/list.txt", "robot/logs/frame_1.log", "robot/logs/frame_2.log", "robot/logs/frame_3.log");
        assertEquals(expected, end.files().stream().map(FetchedFile::name).sorted().toList());
        for (String name : expected) {
            assertEquals(get("fgrp-shot-renders", name), Files.readString(home.resolve(name)), name);
        }
        assertEquals("robot scene v2", Files.readString(home.resolve("robot/images/frame_1.txt")), "this run's frame 1");
        assertFalse(Files.exists(home.resolve("robot/images/frame_9.txt")), "not this job's");
        Map<String, String> byTask = new HashMap<>();
        end.files().forEach(f -> byTask.put(f.name(), f.taskId()));
        assertEquals("0", byTask.get("robot/logs/frame_1.log"), "a blob only one task names is that task's");
        assertEquals("2", byTask.get("robot/logs/frame_3.log"));
        assertEquals("merge", byTask.get("robot/list.txt"));
    }

    /**
     * A task whose outputs go to a container URL outside the configured account (here the same
     * Azurite reached by another host name, which is all the watcher can tell by): the watcher
     * cannot read them and says where they are, without the URL's signature.
     */
    @Test
    void theWatcherSaysWhereOutputsOutsideTheAccountAreAndNeverItsSignature() throws Exception {
        store.createContainer("elsewhere");
        String sas = store.sas().writeUrl("elsewhere");
        String otherHost = sas.replace("127.0.0.1", "localhost");
        assertTrue(!otherHost.equals(sas) && otherHost.contains("sig="), otherHost);
        idlePool("render");
        farm.resize("render", 1);
        JsonObject job = JsonParser.parseString("{\"id\": \"elsewhere-job\", \"poolInfo\": {\"poolId\": \"render\"},"
                + " \"onAllTasksComplete\": \"terminateJob\"}").getAsJsonObject();
        JsonObject task = JsonParser.parseString("""
                {"id": "0", "commandLine": "/bin/sh -c 'echo frame > out.txt'",
                 "outputFiles": [{"filePattern": "out.txt", "destination": {"container": {"containerUrl": "%s", "path": "f/out.txt"}},
                   "uploadOptions": {"uploadCondition": "taskSuccess"}}]}""".formatted(otherHost)).getAsJsonObject();
        String id = new AzureTemplateJobs(farm, store).submit(new ExpandedJob(job, List.of(task))).jobId();

        WatchState end = watch(id, tmp.resolve("renders"), new AzureTaskOutputs(farm, store));

        assertTrue(farm.job(id).orElseThrow().succeeded(), farm.tasks(id).toString());
        assertEquals("frame\n", get("elsewhere", "f/out.txt"), "the node did upload it");
        assertEquals(WatchStatus.FAILED, end.status(), end.message());
        String expected = "the outputs of task 0 cannot be listed: they go to " + store.containerUrl("elsewhere").replace("127.0.0.1", "localhost")
                + ", outside " + store.describe() + ": fetch them from there";
        assertEquals(List.of(expected), end.failures());
        assertFalse(end.message().contains("sig=") || end.failures().toString().contains("sig="), end.message());
    }

    @Test
    void aTaskTheServiceRefusesDeletesTheJobSoNothingHalfSubmittedRuns() throws Exception {
        idlePool("maya-pool");
        ExpandedJob full = mayaJob("robot-broken", "robot-renders", 1, 3);
        List<JsonObject> tasks = full.tasks();
        // the service refuses it: a resource file names two sources (the SDK does not check that, the service does)
        tasks.get(1).add("resourceFiles", JsonParser.parseString("[{\"httpUrl\": \"https://example.com/a.txt\","
                + " \"storageContainerUrl\": \"https://example.com/c\", \"filePath\": \"a.txt\"}]"));

        FarmException e = assertThrows(FarmException.class,
                () -> new AzureTemplateJobs(farm, store).submit(new ExpandedJob(full.job(), tasks)));

        assertTrue(e.getMessage().startsWith("Batch refused task 1 of job robot-broken: InvalidPropertyValue"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Job robot-broken was deleted again; nothing runs."), e.getMessage());
        Optional<JsonObject> left = batch.jobBody("robot-broken");
        assertTrue(left.isEmpty() || left.get().get("state").getAsString().equals("deleting"), String.valueOf(left));
    }

    @Test
    void retiredLicensesAndImagesAreOneLineAndNothingIsCreated() throws Exception {
        ExpandedJob job = mayaJob("robot-licensed", "licensed-out", 1, 2);
        JsonObject body = job.job();
        body.add("poolInfo", JsonParser.parseString("""
                {"autoPoolSpecification": {"poolLifetimeOption": "job", "pool": {"vmSize": "standard_d4_v2",
                  "virtualMachineConfiguration": {"imageReference": {"publisher": "batch", "offer": "rendering-centos73",
                  "sku": "rendering", "version": "1.1.3"}, "nodeAgentSKUId": "batch.node.centos 7"},
                  "applicationLicenses": ["maya", "arnold"]}}}""").getAsJsonObject());
        int before = batch.requestCount();

        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> new AzureTemplateJobs(farm, store).submit(new ExpandedJob(body, job.tasks())));
        assertTrue(e.getMessage().startsWith("job robot-licensed: poolInfo.autoPoolSpecification.pool: applicationLicenses:"),
                e.getMessage());

        body.getAsJsonObject("poolInfo").getAsJsonObject("autoPoolSpecification").getAsJsonObject("pool").remove("applicationLicenses");
        e = assertThrows(UnsupportedTemplateException.class,
                () -> new AzureTemplateJobs(farm, store).submit(new ExpandedJob(body, job.tasks())));
        assertTrue(e.getMessage().contains("the image batch/rendering-centos73 was retired on 29 February 2024"), e.getMessage());

        ExpandedPool pool = HistoricalTemplates.pool("ncj-templates-historical/maya/render-arnold-linux/pool.template.json",
                params("poolName", "maya-arnold-pool-centos", "nodeSize", "Standard_D4_v2", "dedicatedVmCount", 1,
                        "lowPriorityVmCount", 0));
        e = assertThrows(UnsupportedTemplateException.class, () -> new AzureTemplatePools(farm, store).create(pool));
        assertTrue(e.getMessage().startsWith("pool maya-arnold-pool-centos: applicationLicenses:"), e.getMessage());

        assertEquals(before, batch.requestCount(), "not one request reached Batch");
        assertEquals(0, batch.jobCount());
        assertEquals(0, batch.poolCount());
        assertFalse(store.containerExists("fgrp-licensed-out"), "no output file group made");
    }

    @Test
    void aFileGroupThatWasNeverUploadedIsOneLineThatSaysHowToUploadIt() throws Exception {
        idlePool("maya-pool");
        ExpandedJob job = mayaJob("robot-noinput", "noinput-out", 1, 1);
        JsonObject prep = job.job();
        prep.getAsJsonObject("jobPreparationTask").add("resourceFiles", JsonParser.parseString(
                "[{\"autoStorageContainerName\": \"fgrp-never-uploaded\", \"blobPrefix\": \"scenes/\"}]"));

        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> new AzureTemplateJobs(farm, store).submit(new ExpandedJob(prep, job.tasks())));

        assertTrue(e.getMessage().startsWith("job robot-noinput reads file group 'never-uploaded' (container fgrp-never-uploaded),"
                + " which is not in storage account devstoreaccount1"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": upload it with batchrender upload --project never-uploaded PATH..."), e.getMessage());
        assertEquals(0, batch.jobCount());
        assertFalse(store.containerExists("fgrp-noinput-out"));
    }

    @Test
    void anExistingJobAndAMissingPoolAreOneLineEach() throws Exception {
        idlePool("maya-pool");
        new AzureTemplateJobs(farm, store).submit(mayaJob("robot-twice", "twice-out", 1, 1));

        FarmException exists = assertThrows(FarmException.class,
                () -> new AzureTemplateJobs(farm, store).submit(mayaJob("robot-twice", "twice-out", 1, 1)));
        assertEquals("A job with id robot-twice already exists on the Batch account: give the job another id, or delete"
                + " the old job with 'batchrender job delete robot-twice --farm azure'.", exists.getMessage());
        assertEquals(List.of("0"), batch.taskIds("robot-twice"), "the first job is untouched");

        ExpandedJob elsewhere = mayaJob("robot-nopool", "nopool-out", 1, 1);
        JsonObject body = elsewhere.job();
        body.getAsJsonObject("poolInfo").addProperty("poolId", "no-such-pool");
        FarmException missing = assertThrows(FarmException.class,
                () -> new AzureTemplateJobs(farm, store).submit(new ExpandedJob(body, elsewhere.tasks())));
        assertEquals("Job robot-nopool is for pool no-such-pool, which the Batch account does not have: create it (batchrender"
                + " template pool POOL_TEMPLATE) or give the id of one of 'batchrender pools --farm azure'.", missing.getMessage());
        assertTrue(batch.jobBody("robot-nopool").isEmpty());
        assertFalse(store.containerExists("fgrp-nopool-out"));
    }

    @Test
    void aJobWithoutFileGroupsNeedsNoStorage() throws Exception {
        idlePool("plain");
        JsonObject job = JsonParser.parseString("{\"id\": \"plain-job\", \"poolInfo\": {\"poolId\": \"plain\"}}").getAsJsonObject();
        JsonObject task = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"/bin/true\"}").getAsJsonObject();

        TemplateSubmission s = new AzureTemplateJobs(farm, null).submit(new ExpandedJob(job, List.of(task)));

        assertEquals("plain-job", s.jobId());
        assertEquals("noaction", batch.jobBody("plain-job").orElseThrow().get("onAllTasksComplete").getAsString(),
                "the template's own (none): the service's default");
        JsonObject withGroup = JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"/bin/true\", \"outputFiles\":"
                + " [{\"filePattern\": \"*.png\", \"destination\": {\"autoStorage\": {\"fileGroup\": \"out\"}}}]}").getAsJsonObject();
        JsonObject job2 = JsonParser.parseString("{\"id\": \"plain-job2\", \"poolInfo\": {\"poolId\": \"plain\"}}").getAsJsonObject();
        UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                () -> new AzureTemplateJobs(farm, null).submit(new ExpandedJob(job2, List.of(withGroup))));
        assertTrue(e.getMessage().startsWith("job plain-job2 uses file group container fgrp-out, so it needs Azure Storage:"),
                e.getMessage());
    }

    @Test
    void aJobAddWhoseAnswerWasLostCarriesOnWithTheJobItMade() throws Exception {
        idlePool("maya-pool");
        batch.faults().add("POST", "/jobs", io.batchrender.farm.azure.testdouble.Faults.Kind.ERROR_500_AFTER, 1);

        TemplateSubmission s = new AzureTemplateJobs(farm, store).submit(mayaJob("robot-lost", "lost-out", 1, 2));

        assertEquals("robot-lost", s.jobId());
        assertEquals(2, batch.requestCount("POST /jobs"), "the add, and its retry answered JobExists");
        assertEquals(List.of("0", "1"), batch.taskIds("robot-lost"));
        assertEquals(1, batch.jobCount());
    }

    @Test
    void aMergeTaskWhoseFrameFailedDoesNotRunAndTheJobStaysOpen() throws Exception {
        String pool = new AzureTemplatePools(farm, null).create(new ExpandedPool(JsonParser.parseString("""
                {"id": "small", "vmSize": "standard_d2s_v5",
                 "virtualMachineConfiguration": {"imageReference": {"publisher": "Canonical",
                   "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts"}, "nodeAgentSKUId": "batch.node.ubuntu 22.04"},
                 "targetDedicatedNodes": 1, "taskSlotsPerNode": 2}""").getAsJsonObject()));
        JsonObject job = JsonParser.parseString("{\"id\": \"half\", \"poolInfo\": {\"poolId\": \"" + pool + "\"},"
                + " \"onAllTasksComplete\": \"terminatejob\", \"usesTaskDependencies\": true}").getAsJsonObject();
        List<JsonObject> tasks = List.of(
                JsonParser.parseString("{\"id\": \"0\", \"commandLine\": \"/bin/true\"}").getAsJsonObject(),
                JsonParser.parseString("{\"id\": \"1\", \"commandLine\": \"/bin/false\"}").getAsJsonObject(),
                JsonParser.parseString("{\"id\": \"merge\", \"commandLine\": \"/bin/true\", \"dependsOn\":"
                        + " {\"taskIdRanges\": [{\"start\": 0, \"end\": 1}]}}").getAsJsonObject());

        new AzureTemplateJobs(farm, null).submit(new ExpandedJob(job, tasks));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!batch.taskBody("half", "1").orElseThrow().get("state").getAsString().equals("completed")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // a few scheduler rounds
        assertEquals("completed", batch.taskBody("half", "0").orElseThrow().get("state").getAsString());
        assertEquals("active", batch.taskBody("half", "merge").orElseThrow().get("state").getAsString(),
                "a failed dependency blocks the merge, as on the service");
        assertEquals(JobState.ACTIVE, farm.job("half").orElseThrow().state());
    }

    @Test
    void aLegacyFieldInEveryTaskIsRenamedWithOneNote() throws Exception {
        idlePool("plain");
        JsonObject job = JsonParser.parseString("{\"id\": \"legacy\", \"poolInfo\": {\"poolId\": \"plain\"}}").getAsJsonObject();
        List<JsonObject> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(JsonParser.parseString("{\"id\": \"" + i + "\", \"commandLine\": \"/bin/true\", \"resourceFiles\":"
                    + " [{\"blobSource\": \"https://example.com/setup.sh\", \"filePath\": \"setup.sh\"}]}").getAsJsonObject());
        }

        TemplateSubmission s = new AzureTemplateJobs(farm, null).submit(new ExpandedJob(job, tasks));

        assertEquals(List.of("job legacy, tasks 0, 1, 2, ... (5 in all): resourceFiles[0]: blobSource is now called httpUrl: renamed.",
                "5 task(s) added to job legacy."), s.notes());
        assertEquals("https://example.com/setup.sh", batch.taskBody("legacy", "4").orElseThrow().getAsJsonArray("resourceFiles")
                .get(0).getAsJsonObject().get("httpUrl").getAsString());
    }

    @Test
    void aFileGroupPrefixNamingOneFileIsSentAsThatBlobAtFilePathAndLandsThere() throws Exception {
        idlePool("maya-pool");
        farm.resizeNodes("maya-pool", 1, 0, io.batchrender.farm.ShrinkPolicy.REQUEUE);
        put("fgrp-one", "scenes/shot.ma", "//Maya ASCII scene\n");
        io.batchrender.templates.Template t = io.batchrender.templates.Template.parse("""
                {"job": {"id": "one-file", "poolInfo": {"poolId": "maya-pool"},
                  "taskFactory": {"type": "taskCollection", "tasks": [{"id": "0", "commandLine": "cat scene.ma",
                    "resourceFiles": [{"source": {"fileGroup": "one", "prefix": "scenes/shot.ma"}, "filePath": "scene.ma"}]}]}}}""",
                "job.json");
        AzureFileGroupFiles files = new AzureFileGroupFiles(store);
        ExpandedJob job = io.batchrender.templates.JobTemplates.expand(t, io.batchrender.templates.ParameterValues.none(),
                (c, p) -> files.list(c, p).stream().map(f -> new io.batchrender.templates.SourceFile(f.name(), f.url())).toList());

        new AzureTemplateJobs(farm, store).submit(job);

        JsonObject rf = batch.taskBody("one-file", "0").orElseThrow().getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
        assertEquals("scene.ma", rf.get("filePath").getAsString());
        assertTrue(rf.get("httpUrl").getAsString().startsWith(store.containerUrl("fgrp-one") + "/scenes/shot.ma?"), rf.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!batch.taskBody("one-file", "0").orElseThrow().get("state").getAsString().equals("completed")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("//Maya ASCII scene\n", Files.readString(farm.log("one-file", "0", 1).stdout()));
    }
}

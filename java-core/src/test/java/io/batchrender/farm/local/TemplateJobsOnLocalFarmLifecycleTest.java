package io.batchrender.farm.local;

import static io.batchrender.farm.local.TemplateJobFixture.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskState;
import io.batchrender.json.JsonViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time limits, cancelling, priority and the views of template jobs on the local farm. */
class TemplateJobsOnLocalFarmLifecycleTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aTaskPastItsMaxWallClockTimeIsStoppedAndItsFailureOutputsStillUploaded() throws Exception {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-slow"}""", """
                    {"id": "0", "commandLine": "/bin/sh -c 'echo started; sleep 30'",
                     "constraints": {"maxWallClockTime": "PT1S", "maxTaskRetryCount": 0},
                     "outputFiles": [{"filePattern": "../stdout.txt", "destination": {"autoStorage": {"fileGroup": "slow", "path": "log.txt"}},
                                      "uploadOptions": {"uploadCondition": "taskFailure"}}]}""")).job().id();
            f.farm.awaitCompleted(id, LIMIT);
            TaskInfo t = f.farm.task(id, "0");
            assertEquals(TaskFailure.TIMEOUT, t.failure().orElseThrow().code(), t.toString());
            assertTrue(t.failure().orElseThrow().message().contains("maxWallClockTime"));
            assertEquals("started\n", f.blob("fgrp-slow", "log.txt"));
        }
    }

    @Test
    void aJobPastItsMaxWallClockTimeEndsAndItsWaitingTasksSaySo() {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-deadline", "constraints": {"maxWallClockTime": "PT2S"}}""", """
                    {"id": "0", "commandLine": "/bin/sleep 30"}""", """
                    {"id": "1", "commandLine": "/bin/true", "dependsOn": {"taskIds": ["0"]}}""")).job().id();
            JobInfo done = f.farm.awaitCompleted(id, Duration.ofSeconds(20));
            assertEquals(2, done.counts().failed());
            assertEquals(TaskFailure.CANCELLED, f.farm.task(id, "0").failure().orElseThrow().code());
            assertEquals(TaskFailure.JOB_TIMEOUT, f.farm.task(id, "1").failure().orElseThrow().code());
        }
    }

    @Test
    void cancellingAJobStopsItsTasksAndStillRunsItsReleaseTask() throws Exception {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-cancel",
                     "jobReleaseTask": {"commandLine": "/bin/sh -c 'echo cleaned > $AZ_BATCH_NODE_SHARED_DIR/released-$AZ_BATCH_JOB_ID'"}}""",
                    """
                    {"id": "0", "commandLine": "/bin/sleep 30"}""", """
                    {"id": "1", "commandLine": "/bin/true", "dependsOn": {"taskIds": ["0"]}}""")).job().id();
            FarmFixture.await(LIMIT, () -> f.farm.task(id, "0").state() == TaskState.RUNNING, "task 0 to run");
            f.farm.farm.cancel(id);
            f.farm.awaitCompleted(id, LIMIT);
            assertEquals(TaskFailure.CANCELLED, f.farm.task(id, "0").failure().orElseThrow().code());
            assertEquals(TaskFailure.CANCELLED, f.farm.task(id, "1").failure().orElseThrow().code());
            assertEquals("cleaned\n", Files.readString(f.farm.home.dir().resolve("node/shared/released-" + id)));
        }
    }

    @Test
    void aHigherPriorityJobStartsFirstAndTheViewsShowTemplateTasks() throws Exception {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            f.farm.farm.resize("local", 0);
            String low = f.submit(job("{\"id\": \"low\", \"priority\": -10}",
                    "{\"id\": \"0\", \"commandLine\": \"/bin/sleep 1\"}")).job().id();
            String high = f.submit(job("{\"id\": \"high\", \"priority\": 500}",
                    "{\"id\": \"0\", \"commandLine\": \"/bin/sleep 1\"}")).job().id();
            f.farm.farm.resize("local", 1);
            f.farm.awaitCompleted(low, LIMIT);
            f.farm.awaitCompleted(high, LIMIT);
            assertTrue(f.farm.task(high, "0").endTime().orElseThrow()
                    .compareTo(f.farm.task(low, "0").startTime().orElseThrow()) <= 0, "the high-priority job ran first");

            JsonObject view = JsonViews.jobWithTasks(f.farm.job(high), f.farm.farm.tasks(high));
            assertEquals("template", view.get("renderer").getAsString());
            assertEquals(0, view.getAsJsonArray("tasks").get(0).getAsJsonObject().getAsJsonArray("frames").size());
            assertEquals(java.util.List.of(), new LocalTaskOutputs(f.farm.home, f.farm.farm).list(high, f.farm.task(high, "0")),
                    "outputs are in the store: the watcher has nothing to fetch from the job folder");
        }
    }

    @Test
    void theWatcherFollowsATemplateJobToItsEnd() throws Exception {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("{\"id\": \"tpl-watched\"}",
                    "{\"id\": \"0\", \"commandLine\": \"/bin/sleep 1\"}",
                    "{\"id\": \"1\", \"commandLine\": \"/bin/false\"}")).job().id();
            io.batchrender.watch.WatchState end = new io.batchrender.watch.Watcher(id, tmp.resolve("dest"), f.farm.farm,
                    new LocalTaskOutputs(f.farm.home, f.farm.farm), new io.batchrender.watch.WatchPaths(f.farm.home, id),
                    new io.batchrender.watch.Thumbnailer(java.util.List.of()),
                    new io.batchrender.watch.WatchOptions(Duration.ofMillis(50), 0, 3), java.time.Clock.systemUTC()).run();
            assertEquals(io.batchrender.watch.WatchStatus.FINISHED, end.status(), end.message());
            assertEquals(0, end.files().size(), "its tasks upload nothing");
            assertEquals(1, f.farm.job(id).counts().failed());
        }
    }

    @Test
    void aSlowResourceFetchNeitherHoldsUpOtherTasksNorACancel() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS); // a slow server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "late\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            f.farm.farm.resize("local", 2);
            String id = f.submit(job("{\"id\": \"tpl-slow-fetch\"}", """
                    {"id": "slow", "commandLine": "/bin/cat big.bin",
                     "resourceFiles": [{"httpUrl": "http://127.0.0.1:%d/big.bin", "filePath": "big.bin"}]}"""
                    .formatted(server.getAddress().getPort()), """
                    {"id": "quick", "commandLine": "/bin/true"}""")).job().id();
            FarmFixture.await(LIMIT, () -> f.farm.task(id, "quick").state() == TaskState.COMPLETED, "the quick task");
            assertEquals(TaskState.RUNNING, f.farm.task(id, "slow").state(), "still fetching its file");

            Thread cancel = new Thread(() -> f.farm.farm.cancel(id));
            cancel.start();
            Thread.sleep(500);
            release.countDown(); // the fetch ends; the agent then stops the task instead of starting it
            cancel.join(30_000);
            f.farm.awaitCompleted(id, LIMIT);
            TaskInfo slow = f.farm.task(id, "slow");
            assertEquals(TaskFailure.CANCELLED, slow.failure().orElseThrow().code(), slow.toString());
            assertTrue(Files.notExists(f.taskDir(id, "slow", 1).resolve("stdout.txt"))
                    || Files.readString(f.taskDir(id, "slow", 1).resolve("stdout.txt")).isEmpty(), "its command never ran");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}

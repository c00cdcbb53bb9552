package io.batchrender.farm.local;

import io.batchrender.farm.Submitted;
import static io.batchrender.farm.local.TemplateJobFixture.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Template jobs (Batch REST bodies) run on the local farm by a real agent, with real processes and files. */
class TemplateJobsOnLocalFarmTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void twoTasksThenMergeRunAsOnABatchNodeWithPreparationFirstAndReleaseLast() throws Exception {
        String order = "echo $AZ_BATCH_TASK_ID >> $AZ_BATCH_NODE_SHARED_DIR/$AZ_BATCH_JOB_ID.order";
        String part = """
                {"id": "%1$s",
                 "commandLine": "/bin/sh -c '%2$s; test -f $AZ_BATCH_JOB_PREP_WORKING_DIR/prep-done || exit 7; mkdir -p out; echo part-$AZ_BATCH_TASK_ID-$WHO-$GREETING > out/part.txt; env | grep ^AZ_BATCH_ > out/env.txt; echo hello from $AZ_BATCH_TASK_ID'",
                 "environmentSettings": [{"name": "WHO", "value": "task"}],
                 "outputFiles": [
                   {"filePattern": "out/*.txt", "destination": {"autoStorage": {"fileGroup": "tpl-out", "path": "parts/%1$s"}}},
                   {"filePattern": "../stdout.txt", "destination": {"autoStorage": {"fileGroup": "tpl-out", "path": "logs/%1$s.txt"}},
                    "uploadOptions": {"uploadCondition": "taskCompletion"}}]}""";
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            Submitted sub = f.submit(job("""
                    {"id": "tpl-pipeline", "displayName": "pipeline",
                     "poolInfo": {"autoPoolSpecification": {"poolLifetimeOption": "job", "pool": {"vmSize": "STANDARD_D2_V3"}}},
                     "commonEnvironmentSettings": [{"name": "GREETING", "value": "common"}, {"name": "WHO", "value": "job"}],
                     "jobPreparationTask": {"commandLine": "/bin/sh -c 'echo prep >> $AZ_BATCH_NODE_SHARED_DIR/$AZ_BATCH_JOB_ID.order; echo ready > prep-done'"},
                     "jobReleaseTask": {"commandLine": "/bin/sh -c 'echo release >> $AZ_BATCH_NODE_SHARED_DIR/$AZ_BATCH_JOB_ID.order; echo released'"},
                     "onAllTasksComplete": "terminatejob", "usesTaskDependencies": true}""",
                    part.formatted("0", order), part.formatted("1", order), """
                    {"id": "merge",
                     "commandLine": "/bin/sh -c 'echo merge >> $AZ_BATCH_NODE_SHARED_DIR/$AZ_BATCH_JOB_ID.order; cat parts/0/part.txt parts/1/part.txt > merged.txt'",
                     "dependsOn": {"taskIdRanges": [{"start": 0, "end": 1}]},
                     "resourceFiles": [{"autoStorageContainerName": "fgrp-tpl-out", "blobPrefix": "parts/"}],
                     "outputFiles": [{"filePattern": "merged.txt", "destination": {"autoStorage": {"fileGroup": "tpl-out", "path": "merged/all.txt"}}}]}"""));

            String id = sub.job().id();
            assertEquals("tpl-pipeline", id, "a valid, free Batch id is kept");
            assertTrue(sub.notes().stream().anyMatch(l -> l.contains("vmSize STANDARD_D2_V3")), sub.notes().toString());
            JobInfo done = f.farm.awaitCompleted(id, LIMIT);
            assertTrue(done.succeeded(), f.farm.diagnostics(id));
            assertEquals(List.of("0", "1", "merge"), f.farm.farm.tasks(id).stream().map(TaskInfo::id).toList(),
                    "job preparation and release are not tasks of the job");

            // the merge task read the others' outputs through the store: task env over the job's common env
            assertEquals("part-0-task-common\npart-1-task-common\n", f.blob("fgrp-tpl-out", "merged/all.txt"));
            List<String> ran = Files.readAllLines(f.farm.home.dir().resolve("node/shared/" + id + ".order"));
            assertEquals(5, ran.size(), ran.toString());
            assertEquals("prep", ran.get(0));
            assertEquals(List.of("0", "1"), ran.subList(1, 3).stream().sorted().toList());
            assertEquals("merge", ran.get(3));
            assertEquals("release", ran.get(4));

            // the variables point at folders laid out like a node's, holding what Batch puts there
            Map<String, String> env = new HashMap<>();
            for (String line : f.blob("fgrp-tpl-out", "parts/0/env.txt").split("\n")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            Path taskDir = f.taskDir(id, "0", 1);
            assertEquals(taskDir.toString(), env.get("AZ_BATCH_TASK_DIR"));
            assertEquals(taskDir.resolve("wd").toString(), env.get("AZ_BATCH_TASK_WORKING_DIR"));
            assertEquals("hello from 0\n", Files.readString(Path.of(env.get("AZ_BATCH_TASK_DIR"), "stdout.txt")));
            assertTrue(Files.isRegularFile(Path.of(env.get("AZ_BATCH_TASK_WORKING_DIR"), "out", "part.txt")));
            assertEquals("ready\n", Files.readString(Path.of(env.get("AZ_BATCH_JOB_PREP_WORKING_DIR"), "prep-done")));
            assertEquals(f.taskDir(id, "jobpreparation", 1).toString(), env.get("AZ_BATCH_JOB_PREP_DIR"));
            Path root = Path.of(env.get("AZ_BATCH_NODE_ROOT_DIR"));
            assertEquals(root.resolve("shared").toString(), env.get("AZ_BATCH_NODE_SHARED_DIR"));
            assertTrue(Files.isDirectory(Path.of(env.get("AZ_BATCH_NODE_SHARED_DIR"))));
            assertTrue(Files.isDirectory(Path.of(env.get("AZ_BATCH_NODE_STARTUP_DIR"))));
            assertEquals(id, env.get("AZ_BATCH_JOB_ID"));
            assertEquals("0", env.get("AZ_BATCH_TASK_ID"));
            assertEquals("local", env.get("AZ_BATCH_POOL_ID"));
            assertEquals("true", env.get("AZ_BATCH_NODE_IS_DEDICATED"));
            assertTrue(env.get("AZ_BATCH_NODE_ID").startsWith("local-"));

            // ../stdout.txt found the attempt's log; the release task's log is kept
            assertEquals("hello from 1\n", f.blob("fgrp-tpl-out", "logs/1.txt"));
            assertEquals("released\n", Files.readString(f.taskDir(id, "jobrelease", 1).resolve("stdout.txt")));
            assertEquals("ready\n", Files.readString(f.taskDir(id, "jobpreparation", 1).resolve("wd/prep-done")));
        }
    }

    @Test
    void aFailedDependencyFailsItsDependentsAtOnceAndOutputsFollowTheirUploadCondition() throws Exception {
        String task = """
                {"id": "%1$s", "commandLine": "/bin/sh -c 'echo out-%1$s; echo err-%1$s >&2; exit %2$s'",
                 "outputFiles": [
                   {"filePattern": "../stdout.txt", "destination": {"autoStorage": {"fileGroup": "tpl-fail", "path": "ok/%1$s.txt"}}},
                   {"filePattern": "../stderr.txt", "destination": {"autoStorage": {"fileGroup": "tpl-fail", "path": "failed/%1$s.txt"}},
                    "uploadOptions": {"uploadCondition": "taskFailure"}},
                   {"filePattern": "../std*.txt", "destination": {"autoStorage": {"fileGroup": "tpl-fail", "path": "done/%1$s"}},
                    "uploadOptions": {"uploadCondition": "TaskCompletion"}}]}""";
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-fail", "constraints": {"maxTaskRetryCount": 1}}""",
                    task.formatted("0", "3"), task.formatted("1", "0"), """
                    {"id": "merge", "commandLine": "/bin/true", "dependsOn": {"taskIds": ["1", "0"]}}""",
                    """
                    {"id": "after-merge", "commandLine": "/bin/true", "dependsOn": {"taskIds": ["merge"]}}""")).job().id();
            JobInfo done = f.farm.awaitCompleted(id, LIMIT);
            assertEquals(3, done.counts().failed(), f.farm.diagnostics(id));

            TaskInfo failed = f.farm.task(id, "0");
            assertEquals(2, failed.attempts(), "maxTaskRetryCount 1: tried twice");
            assertEquals(3, failed.exitCode().orElseThrow());
            assertEquals(TaskFailure.NON_ZERO_EXIT, failed.failure().orElseThrow().code());
            TaskInfo merge = f.farm.task(id, "merge");
            assertEquals(0, merge.attempts(), "a task whose dependency failed never starts");
            assertEquals(TaskFailure.DEPENDENCY_FAILED, merge.failure().orElseThrow().code());
            assertTrue(merge.failure().orElseThrow().message().contains("Task 0,"), merge.failure().toString());
            assertEquals(TaskFailure.DEPENDENCY_FAILED, f.farm.task(id, "after-merge").failure().orElseThrow().code());
            assertEquals(TaskResult.SUCCESS, f.farm.task(id, "1").result().orElseThrow());

            // taskSuccess only from the task that succeeded, taskFailure only from the one that failed,
            // taskCompletion from both (a wildcard pattern: path is a folder)
            assertNull(f.blob("fgrp-tpl-fail", "ok/0.txt"));
            assertEquals("out-1\n", f.blob("fgrp-tpl-fail", "ok/1.txt"));
            assertEquals("err-0\n", f.blob("fgrp-tpl-fail", "failed/0.txt"));
            assertNull(f.blob("fgrp-tpl-fail", "failed/1.txt"));
            assertEquals("out-0\n", f.blob("fgrp-tpl-fail", "done/0/stdout.txt"));
            assertEquals("err-1\n", f.blob("fgrp-tpl-fail", "done/1/stderr.txt"));
        }
    }

    @Test
    void aFailedJobPreparationFailsTheTasksWithItsCodeAndTheReleaseStillRuns() throws Exception {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-prep-fails",
                     "jobPreparationTask": {"id": "setup", "commandLine": "/bin/sh -c 'echo no licence >&2; exit 5'",
                                            "constraints": {"maxTaskRetryCount": 1}},
                     "jobReleaseTask": {"commandLine": "/bin/sh -c 'echo cleaned > $AZ_BATCH_NODE_SHARED_DIR/released-$AZ_BATCH_JOB_ID'"}}""",
                    """
                    {"id": "0", "commandLine": "/bin/sh -c 'echo must not run > $AZ_BATCH_NODE_SHARED_DIR/ran-$AZ_BATCH_JOB_ID'"}""")).job().id();
            f.farm.awaitCompleted(id, LIMIT);

            TaskInfo task = f.farm.task(id, "0");
            assertEquals(0, task.attempts());
            assertEquals(TaskFailure.JOB_PREPARATION_FAILED, task.failure().orElseThrow().code());
            assertTrue(task.failure().orElseThrow().message().contains("setup"));
            assertTrue(Files.readString(f.taskDir(id, "setup", 2).resolve("stderr.txt")).contains("no licence"),
                    "the preparation task was retried once, its logs kept");
            assertFalse(Files.exists(f.farm.home.dir().resolve("node/shared/ran-" + id)));
            assertEquals("cleaned\n", Files.readString(f.farm.home.dir().resolve("node/shared/released-" + id)));
        }
    }

    @Test
    void resourceFilesComeFromAFileGroupAndAFileUrlWithTheirModeAndStayInsideTheWorkingFolder() throws Exception {
        Path script = tmp.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\ncat in/scenes/a.txt in/scenes/sub/b.txt > out.txt\n"
                + "test -e in/other/c.txt && echo leaked >> out.txt\nstat -c %a bin/run.sh >> out.txt\n");
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            f.put("fgrp-assets", "scenes/a.txt", "A\n");
            f.put("fgrp-assets", "scenes/sub/b.txt", "B\n");
            f.put("fgrp-assets", "other/c.txt", "C\n");
            f.put("fgrp-evil", "x/../../../evil.txt", "evil\n");
            String id = f.submit(job("""
                    {"id": "tpl-resources"}""", """
                    {"id": "0", "commandLine": "bin/run.sh",
                     "resourceFiles": [
                       {"autoStorageContainerName": "fgrp-assets", "blobPrefix": "scenes/", "filePath": "in"},
                       {"httpUrl": "%s", "filePath": "bin/run.sh", "fileMode": "0750"}],
                     "outputFiles": [{"filePattern": "out.txt", "destination": {"autoStorage": {"fileGroup": "res", "path": "r/out.txt"}}}]}"""
                    .formatted(script.toUri()), """
                    {"id": "1", "commandLine": "/bin/true",
                     "resourceFiles": [{"autoStorageContainerName": "fgrp-evil"}]}""")).job().id();
            f.farm.awaitCompleted(id, LIMIT);

            assertEquals("A\nB\n750\n", f.blob("fgrp-res", "r/out.txt"), f.farm.diagnostics(id));
            TaskInfo evil = f.farm.task(id, "1");
            assertEquals(TaskFailure.RESOURCE_FILES_FAILED, evil.failure().orElseThrow().code());
            assertTrue(evil.failure().orElseThrow().message().contains("x/../../../evil.txt"), evil.failure().toString());
            try (var walk = Files.walk(f.farm.home.dir())) {
                assertTrue(walk.noneMatch(p -> p.getFileName().toString().equals("evil.txt")), "nothing written for it");
            }
        }
    }

    @Test
    void httpResourceFilesAreDownloadedAndAMissingOneFailsTheAttemptNamingIt() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "served over http\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/licence.txt") ? 200 : 404;
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-http", "constraints": {"maxTaskRetryCount": 1}}""", """
                    {"id": "0", "commandLine": "/bin/cp conf/licence.txt copy.txt",
                     "resourceFiles": [{"httpUrl": "%1$s/licence.txt", "filePath": "conf/licence.txt"}],
                     "outputFiles": [{"filePattern": "copy.txt", "destination": {"autoStorage": {"fileGroup": "http"}}}]}""".formatted(base),
                    """
                    {"id": "1", "commandLine": "/bin/true",
                     "resourceFiles": [{"httpUrl": "%1$s/missing.txt?sig=secret", "filePath": "missing.txt"}]}""".formatted(base)))
                    .job().id();
            f.farm.awaitCompleted(id, LIMIT);
            assertEquals("served over http\n", f.blob("fgrp-http", "copy.txt"), f.farm.diagnostics(id));
            TaskInfo missing = f.farm.task(id, "1");
            assertEquals(2, missing.attempts(), "a failed fetch is retried like any failure");
            assertEquals(TaskFailure.RESOURCE_FILES_FAILED, missing.failure().orElseThrow().code());
            String message = missing.failure().orElseThrow().message();
            assertTrue(message.contains(base + "/missing.txt") && message.contains("HTTP 404"), message);
            assertFalse(message.contains("secret"), "a URL's query (a SAS signature) is never shown");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFileGroupPrefixNamingOneFileLandsAtFilePathItself() throws Exception {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            f.put("fgrp-shot", "scenes/shot.ma", "//Maya ASCII scene\n");
            f.put("fgrp-shot", "tex/wood.png", "png");
            io.batchrender.templates.Template t = io.batchrender.templates.Template.parse("""
                    {"job": {"id": "single", "poolInfo": {"poolId": "local"}, "onAllTasksComplete": "terminateJob",
                      "taskFactory": {"type": "taskCollection", "tasks": [{"id": "0",
                        "commandLine": "cat scene.ma && test -f tex/tex/wood.png",
                        "resourceFiles": [
                          {"source": {"fileGroup": "shot", "prefix": "scenes/shot.ma"}, "filePath": "scene.ma"},
                          {"source": {"fileGroup": "shot", "prefix": "tex/"}, "filePath": "tex"}]}]}}}""", "job.json");
            io.batchrender.templates.ExpandedJob expanded = io.batchrender.templates.JobTemplates.expand(t,
                    io.batchrender.templates.ParameterValues.none(),
                    io.batchrender.templates.FileGroupFiles.ofLocalStore(f.store));

            String id = f.submit(expanded).job().id();

            f.farm.awaitCompleted(id, Duration.ofSeconds(60));
            TaskInfo task = f.farm.task(id, "0");
            assertTrue(task.failure().isEmpty(), task.toString());
            // the one file at filePath itself, as the extensions place it; a folder prefix keeps its names under filePath
            assertEquals("//Maya ASCII scene\n", Files.readString(f.taskDir(id, "0", 1).resolve("stdout.txt")));
        }
    }
}

package io.batchrender.farm.local;

import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.job.BatchFields;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.Job;
import io.batchrender.job.Origin;
import io.batchrender.job.Task;
import io.batchrender.render.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The local farm on real processes, a real SQLite file and a real detached agent. */
class LocalFarmTest extends TwoSlotFarmTest {

    @Test
    void aFailingTaskIsRetriedAndSucceedsOnItsThirdAttempt() {
        // Fails twice, then succeeds. Each attempt has a working folder of its own, as on a Batch node; the
        // counter lives in the node's shared folder, which every attempt sees.
        JobInfo job = f.submitCommand("sh -c 't=$AZ_BATCH_NODE_SHARED_DIR/tries; n=$(cat $t 2>/dev/null || echo 0); n=$((n+1)); echo $n > $t; "
                + "echo attempt $n; [ $n -ge 3 ]'", "1", 2, Optional.empty());

        JobInfo done = f.awaitCompleted(job.id(), Duration.ofSeconds(30));

        TaskInfo task = f.task(job.id(), "1");
        assertTrue(done.succeeded());
        assertEquals(Optional.of(TaskResult.SUCCESS), task.result());
        assertEquals(3, task.attempts());
        assertEquals(2, task.retryCount());
        assertEquals(Optional.of(0), task.exitCode());
        assertEquals("attempt 1\n", readLog(job, "1", 1));
        assertEquals("attempt 3\n", readLog(job, "1", 3));
    }

    @Test
    void aTaskThatKeepsFailingEndsAsFailureWithItsExitCode() {
        JobInfo job = f.submitCommand("sh -c 'echo broken >&2; exit 3'", "1-2", 1, Optional.empty());

        JobInfo done = f.awaitCompleted(job.id(), Duration.ofSeconds(30));

        assertFalse(done.succeeded());
        assertEquals(2, done.counts().failed());
        for (TaskInfo t : f.farm.tasks(job.id())) {
            assertEquals(TaskState.COMPLETED, t.state());
            assertEquals(Optional.of(TaskResult.FAILURE), t.result());
            assertEquals(Optional.of(3), t.exitCode());
            assertEquals(2, t.attempts(), "one try plus one retry");
            assertEquals(TaskFailure.NON_ZERO_EXIT, t.failure().orElseThrow().code());
        }
    }

    @Test
    void anAttemptOverItsWallClockLimitIsStopped() {
        long start = System.nanoTime();
        JobInfo job = f.submitCommand("sleep 60", "1", 0, Optional.of(Duration.ofSeconds(1)));

        f.awaitCompleted(job.id(), Duration.ofSeconds(30));

        TaskInfo task = f.task(job.id(), "1");
        assertEquals(Optional.of(TaskResult.FAILURE), task.result());
        assertEquals(TaskFailure.TIMEOUT, task.failure().orElseThrow().code());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "stopped long before sleep 60 ends");
    }

    @Test
    void cancelKillsTheTaskWithEveryProcessItStarted() throws Exception {
        Path pids = tmp.resolve("pids");
        // The shell starts a background sleep and waits on a second one: a tree of three processes.
        JobInfo job = f.submitCommand("sh -c 'sleep 300 & echo $! >> " + pids + "; echo $$ >> " + pids + "; sleep 300'",
                "1-4", 2, Optional.empty());
        FarmFixture.await(Duration.ofSeconds(20), () -> lines(pids).size() == 4, "two tasks to start their trees");
        List<Long> started = lines(pids).stream().map(Long::parseLong).toList();

        f.farm.cancel(job.id());

        JobInfo cancelled = f.job(job.id());
        assertEquals(JobState.COMPLETED, cancelled.state());
        for (long pid : started) {
            assertFalse(ProcessHandle.of(pid).map(ProcessTree::alive).orElse(false), "process " + pid + " still alive");
        }
        for (TaskInfo t : f.farm.tasks(job.id())) {
            assertEquals(TaskState.COMPLETED, t.state());
            assertEquals(TaskFailure.CANCELLED, t.failure().orElseThrow().code());
        }
        assertEquals(2, f.farm.tasks(job.id()).stream().filter(t -> t.attempts() == 0).count(),
                "the two tasks that had not started never start");
    }

    @Test
    void aMissingProgramFailsTheTaskAtOnceWithoutRetries() {
        JobInfo job = f.submitCommand("batchrender-no-such-renderer --frame {frame}", "1", 2, Optional.empty());

        f.awaitCompleted(job.id(), Duration.ofSeconds(20));

        TaskInfo task = f.task(job.id(), "1");
        assertEquals(1, task.attempts());
        assertEquals(TaskFailure.RENDERER_NOT_FOUND, task.failure().orElseThrow().code());
        assertTrue(task.failure().get().message().contains("batchrender-no-such-renderer was not found"));
    }

    @Test
    void twoJobsShareTheSlots() {
        JobInfo first = f.submitCommand("sleep 0.5", "1-12", 0, Optional.empty());
        JobInfo second = f.submitCommand("sleep 0.5", "1-4", 0, Optional.empty());

        f.awaitCompleted(first.id(), Duration.ofSeconds(60));
        JobInfo secondDone = f.awaitCompleted(second.id(), Duration.ofSeconds(10));

        // With the slots shared, the small job ends while the big one still has tasks to run,
        // instead of waiting behind all twelve.
        List<TaskInfo> firstTasks = f.farm.tasks(first.id());
        long firstStartedAfterSecondEnded = firstTasks.stream()
                .filter(t -> t.startTime().orElseThrow().isAfter(secondDone.ended().orElseThrow())).count();
        assertTrue(firstStartedAfterSecondEnded >= 3,
                "only " + firstStartedAfterSecondEnded + " tasks of the first job started after the second ended");
        assertTrue(f.job(first.id()).succeeded() && secondDone.succeeded());
    }

    @Test
    void resizingToZeroPausesAndResizingUpResumes() {
        JobInfo job = f.submitCommand("sleep 1", "1-6", 0, Optional.empty());
        FarmFixture.await(Duration.ofSeconds(20), () -> f.running(job.id()) == 2, "two tasks running");

        f.farm.resize("local", 0);

        FarmFixture.await(Duration.ofSeconds(10), () -> f.running(job.id()) == 0, "running tasks to be put back");
        int doneWhenPaused = f.job(job.id()).counts().completed();
        sleep(2500);
        assertEquals(0, f.running(job.id()));
        assertEquals(doneWhenPaused, f.job(job.id()).counts().completed(), "nothing ran while paused");
        assertEquals("paused", f.farm.pools().get(0).state());
        assertTrue(f.farm.tasks(job.id()).stream().anyMatch(t -> t.requeueCount() > 0));

        f.farm.resize("local", 2);

        JobInfo done = f.awaitCompleted(job.id(), Duration.ofSeconds(30));
        assertTrue(done.succeeded());
        assertEquals(6, done.counts().succeeded());
    }

    @Test
    void shrinkingWithTaskCompletionLetsRunningTasksFinishAndStartsNoNewOnes() {
        JobInfo job = f.submitCommand("sleep 1.5", "1-6", 0, Optional.empty());
        FarmFixture.await(Duration.ofSeconds(20), () -> f.running(job.id()) == 2, "two tasks running");

        f.farm.resize("local", 0, io.batchrender.farm.ShrinkPolicy.TASKCOMPLETION);

        assertEquals("pausing", f.farm.pools().get(0).state());
        FarmFixture.await(Duration.ofSeconds(20), () -> f.job(job.id()).counts().succeeded() == 2, "the two to finish");
        sleep(1500);
        assertEquals(0, f.running(job.id()), "nothing new started");
        assertEquals(2, f.job(job.id()).counts().succeeded());
        assertTrue(f.farm.tasks(job.id()).stream().allMatch(t -> t.requeueCount() == 0), "nothing was interrupted");
        assertEquals("paused", f.farm.pools().get(0).state());

        f.farm.resize("local", 2);

        assertTrue(f.awaitCompleted(job.id(), Duration.ofSeconds(30)).succeeded());
    }

    @Test
    void outputsAreMovedIntoTheOutputFolderOnlyWhenTheTaskSucceeds() {
        JobInfo job = f.submitCommand("sh -c 'echo {frame} > {output}/f{frame:3}.txt; [ {frame} -ne 2 ]'", "1-3", 0,
                Optional.empty());

        f.awaitCompleted(job.id(), Duration.ofSeconds(20));

        assertEquals(List.of("f001.txt", "f003.txt"), listNames(job.outputDir()));
    }

    @Test
    void mayaRenderIsFoundThroughMayaLocationAndGetsItsArgumentsAsTheyAre() throws Exception {
        // A stand-in for Maya's Render (Maya cannot be installed here) that records its arguments.
        Path maya = tmp.resolve("Maya 2024");
        Path render = Files.createDirectories(maya.resolve("bin")).resolve("Render");
        Files.writeString(render, "#!/bin/sh\nout=; prev=\nfor a in \"$@\"; do [ \"$prev\" = -rd ] && out=$a; prev=$a; done\n"
                + "printf '%s\\n' \"$@\" > \"$out/args.txt\"\ntouch \"$out/frame.1.exr\"\n");
        render.toFile().setExecutable(true);
        Path project = Files.createDirectories(tmp.resolve("my project; rm -rf x"));
        Path scene = io.batchrender.render.TestScenes.mayaBinary();
        try (FarmFixture maya2024 = new FarmFixture(tmp.resolve("m"), Map.of("MAYA_LOCATION", maya.toString()))) {
            var options = io.batchrender.render.RenderOptions.forScene(scene).withProject(Optional.of(project))
                    .withCamera(Optional.of("shot cam"));
            var spec = io.batchrender.compile.SceneCompiler.compile(new io.batchrender.compile.SubmitRequest(Optional.of(options),
                    Optional.empty(), Optional.of("arnold"), "1-2", 2, Optional.empty(), Optional.empty(), 0, Optional.empty()));
            JobInfo job = maya2024.farm.submit(spec).job();

            assertTrue(maya2024.awaitCompleted(job.id(), Duration.ofSeconds(20)).succeeded());

            List<String> args = Files.readAllLines(job.outputDir().resolve("args.txt"));
            assertEquals(List.of("-r", "arnold", "-s", "1", "-e", "2", "-b", "1", "-rd"), args.subList(0, 9));
            assertEquals(List.of("-proj", project.toString(), "-cam", "shot cam", scene.toString()), args.subList(10, 15));
        }
    }

    @Test
    void tasksRunWithTheSubmittersEnvironmentNotTheAgents() throws Exception {
        // A program and a variable that only the submitting shell has: the agent was started without them.
        Path bin = Files.createDirectories(tmp.resolve("artist-bin"));
        Path tool = Files.writeString(bin.resolve("render-tool"), "#!/bin/sh\necho \"$GREETING frame $1\" > \"$2/out.txt\"\n");
        tool.toFile().setExecutable(true);
        Map<String, String> shell = new java.util.HashMap<>(f.env);
        shell.put("PATH", bin + java.io.File.pathSeparator + f.env.getOrDefault("PATH", ""));
        shell.put("GREETING", "hello from the artist's shell");
        var spec = io.batchrender.compile.SceneCompiler.compile(new io.batchrender.compile.SubmitRequest(Optional.empty(),
                Optional.of(List.of("render-tool", "{frame}", "{output}")), Optional.empty(), "7", 1, Optional.empty(),
                Optional.empty(), 0, Optional.empty())).withEnvironment(shell);

        JobInfo job = f.farm.submit(spec).job();

        assertTrue(f.awaitCompleted(job.id(), Duration.ofSeconds(20)).succeeded(), f.diagnostics(job.id()));
        assertEquals("hello from the artist's shell frame 7\n", Files.readString(job.outputDir().resolve("out.txt")));
    }

    @Test
    void deleteRemovesTheJobAndItsFiles() {
        JobInfo job = f.submitCommand("sleep 30", "1-3", 0, Optional.empty());
        FarmFixture.await(Duration.ofSeconds(20), () -> f.running(job.id()) > 0, "a task to start");

        f.farm.delete(job.id());

        assertTrue(f.farm.job(job.id()).isEmpty());
        assertFalse(Files.exists(f.home.jobDir(job.id())));
        assertThrows(FarmException.class, () -> f.farm.tasks(job.id()));
    }


    @Test
    void aRenderThatWritesFewerImagesThanItsFramesFailsAndPublishesNothingOfIt() throws Exception {
        // as the scene compiler makes a local task: the program writes into Command.OUTPUT_DIR (<wd>/images),
        // each frame must leave an image there, and the images go to the job's output folder
        Path out = tmp.resolve("renders");
        io.batchrender.job.OutputFile images = new io.batchrender.job.OutputFile("images/**/*",
                io.batchrender.job.OutputFile.Destination.jobOutputFolder(""), io.batchrender.job.OutputFile.UploadCondition.TASK_SUCCESS);
        java.util.function.BiFunction<String, String, Task> task = (id, script) -> Task.of(id,
                        new Command.Call(Program.named("sh"), List.of("-c", script, Command.OUTPUT_DIR)))
                .withFrames(List.of(1, 2), 2).withFiles(List.of(), List.of(images));
        Job job = new Job("", "short", new Origin(Origin.Kind.COMMAND, "sh", Optional.empty()), 0,
                Constraints.of(0, Optional.empty()), Optional.empty(), Optional.empty(), Map.of(),
                List.of(task.apply("1", "echo a > \"$0/a_0001.png\""),
                        task.apply("2", "mkdir \"$0/sub\" && echo b > \"$0/sub/b_0001.png\" && echo b > \"$0/b_0002.png\"")),
                Optional.of(out), Map.of(), List.of(), BatchFields.NONE);

        JobInfo submitted = f.farm.submit(job).job();
        f.awaitCompleted(submitted.id(), Duration.ofSeconds(30));

        TaskInfo shortOne = f.task(submitted.id(), "1");
        assertEquals(TaskFailure.MISSING_OUTPUT, shortOne.failure().orElseThrow().code());
        assertTrue(shortOne.failure().get().message().contains("wrote 1 of 2 images"), shortOne.failure().get().message());
        assertEquals(Optional.of(TaskResult.SUCCESS), f.task(submitted.id(), "2").result());
        try (var files = Files.walk(out)) {
            assertEquals(List.of("b_0002.png", "sub/b_0001.png"), files.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString()).sorted().toList(), "task 1's image never reached the folder");
        }
    }

    @Test
    void anOutputFolderThatCannotBeCreatedCreatesNoJob() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        var spec = io.batchrender.compile.SceneCompiler.compile(new io.batchrender.compile.SubmitRequest(Optional.empty(),
                Optional.of(List.of("true")), Optional.empty(), "1", 1, Optional.empty(),
                Optional.of(file.resolve("out")), 0, Optional.empty()));

        FarmException e = assertThrows(FarmException.class, () -> f.farm.submit(spec));

        assertTrue(e.getMessage().startsWith("Cannot create the output folder"), e.getMessage());
        assertTrue(f.farm.jobs().isEmpty());
    }

    private String readLog(JobInfo job, String task, int attempt) {
        try {
            return Files.readString(f.farm.log(job.id(), task, attempt).stdout());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    static List<String> listNames(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

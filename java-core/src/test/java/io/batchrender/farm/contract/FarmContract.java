package io.batchrender.farm.contract;

import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import io.batchrender.render.CommandLineSplitter;

import io.batchrender.compile.SubmitRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RenderFarm} does, whether it is this workstation or Azure Batch: each farm's
 * test class starts a farm whose pool runs two tasks at once and passes these tests unchanged.
 */
public abstract class FarmContract {

    @TempDir
    protected Path tmp;

    /** The farm under test, its pool running two tasks at once. */
    protected abstract RenderFarm farm();

    /** The id of the pool jobs run on. */
    protected abstract String poolId();

    protected JobInfo submitCommand(String command, String frames, int retries) {
        return farm().submit(SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(CommandLineSplitter.split(command)),
                Optional.empty(), frames, 1, Optional.empty(), Optional.empty(), retries, Optional.empty()))).job();
    }

    @Test
    void everyTaskRunsAndTheJobReportsStatesCountsExitCodesAndLogs() throws IOException {
        JobInfo job = submitCommand("sh -c 'echo frame {frame}; echo oops >&2; [ {frame} -ne 3 ] || exit 7'", "1-4", 0);

        JobInfo done = awaitCompleted(job.id());

        assertEquals(new io.batchrender.farm.TaskCounts(0, 0, 3, 1), done.counts());
        assertFalse(done.succeeded());
        assertEquals(poolId(), done.pool());   // the Jobs tab shows it
        assertEquals(poolId(), farm().jobs().stream().filter(j -> j.id().equals(job.id())).findFirst().orElseThrow().pool());
        List<TaskInfo> tasks = farm().tasks(job.id());
        assertEquals(List.of("1", "2", "3", "4"), tasks.stream().map(TaskInfo::id).toList());
        assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(4)), tasks.stream().map(TaskInfo::frames).toList());
        TaskInfo third = tasks.get(2);
        assertEquals(TaskState.COMPLETED, third.state());
        assertEquals(Optional.of(TaskResult.FAILURE), third.result());
        assertEquals(Optional.of(7), third.exitCode());
        assertEquals(TaskFailure.NON_ZERO_EXIT, third.failure().orElseThrow().code());
        assertEquals(Optional.of(TaskResult.SUCCESS), tasks.get(1).result());
        assertEquals(Optional.of(0), tasks.get(1).exitCode());
        assertEquals(1, tasks.get(1).attempts());
        var log = farm().log(job.id(), "2", 0);
        assertEquals("frame 2\n", Files.readString(log.stdout()));
        assertEquals("oops\n", Files.readString(log.stderr()));
    }

    @Test
    void aFailingTaskIsRetriedUntilItSucceeds() {
        // fails twice, then succeeds: a counter in the node's shared folder (AZ_BATCH_NODE_SHARED_DIR, on
        // Batch and here), since each attempt may have a working folder of its own
        JobInfo job = submitCommand("sh -c 't=$AZ_BATCH_NODE_SHARED_DIR/tries; n=$(cat $t 2>/dev/null || echo 0); n=$((n+1)); echo $n > $t; "
                + "echo attempt $n; [ $n -ge 3 ]'", "1", 2);

        JobInfo done = awaitCompleted(job.id());

        TaskInfo task = farm().tasks(job.id()).get(0);
        assertTrue(done.succeeded(), String.valueOf(task));
        assertEquals(2, task.retryCount());
        assertEquals(3, task.attempts());
    }

    @Test
    void cancelStopsRunningTasksWithTheirProcessesAndEndsTheJob() {
        Path pids = tmp.resolve("pids");
        JobInfo job = submitCommand("sh -c 'echo $$ >> " + pids + "; sleep 300'", "1-4", 0);
        await(Duration.ofSeconds(30), () -> lines(pids).size() == 2, "two tasks to start");

        farm().cancel(job.id());

        assertEquals(JobState.COMPLETED, farm().job(job.id()).orElseThrow().state());
        assertTrue(farm().tasks(job.id()).stream().noneMatch(t -> t.state() == TaskState.RUNNING));
        for (String pid : lines(pids)) {
            await(Duration.ofSeconds(10), () -> ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false) == false,
                    "process " + pid + " to end");
        }
        assertEquals(2, lines(pids).size(), "the tasks that had not started never start");
    }

    @Test
    void deleteRemovesTheJob() {
        JobInfo job = submitCommand("sleep 30", "1-3", 0);
        await(Duration.ofSeconds(30), () -> farm().tasks(job.id()).stream().anyMatch(t -> t.state() == TaskState.RUNNING),
                "a task to start");

        farm().delete(job.id());

        assertTrue(farm().job(job.id()).isEmpty());
        assertTrue(farm().jobs().stream().noneMatch(j -> j.id().equals(job.id())));
        assertThrows(FarmException.class, () -> farm().tasks(job.id()));
    }

    @Test
    void resizingThePoolToZeroPausesItAndResizingUpResumes() {
        JobInfo job = submitCommand("sleep 1", "1-6", 0);
        await(Duration.ofSeconds(30), () -> running(job.id()) == 2, "two tasks running");

        farm().resize(poolId(), 0);

        await(Duration.ofSeconds(20), () -> running(job.id()) == 0, "running tasks to be put back");
        PoolInfo paused = pool();
        assertEquals(0, paused.targetSlots());
        int doneWhenPaused = farm().job(job.id()).orElseThrow().counts().completed();
        sleep(2000);
        assertEquals(doneWhenPaused, farm().job(job.id()).orElseThrow().counts().completed(), "nothing ran while paused");
        assertTrue(farm().tasks(job.id()).stream().anyMatch(t -> t.requeueCount() > 0));

        farm().resize(poolId(), 2);

        JobInfo done = awaitCompleted(job.id());
        assertTrue(done.succeeded());
        assertEquals(2, pool().targetSlots());
    }

    private PoolInfo pool() {
        return farm().pools().stream().filter(p -> p.id().equals(poolId())).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + poolId() + " in " + farm().pools()));
    }

    protected long running(String jobId) {
        return farm().tasks(jobId).stream().filter(t -> t.state() == TaskState.RUNNING).count();
    }

    protected JobInfo awaitCompleted(String jobId) {
        await(Duration.ofSeconds(60), () -> farm().job(jobId).orElseThrow().state() == JobState.COMPLETED,
                "job " + jobId + " to complete: " + farm().tasks(jobId));
        return farm().job(jobId).orElseThrow();
    }

    protected static void await(Duration limit, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            sleep(50);
        }
    }

    protected static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

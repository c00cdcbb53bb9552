package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.job.Job;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.job.Task;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.farm.azure.testdouble.Faults.Kind;
import io.batchrender.render.MayaRenderer;
import io.batchrender.render.TaskCommand;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Batch service does at first contact that a kinder double hid (issue 15): each test fails
 * on the code before its fix, and names the service's rule it stands on (the rules' sources are in
 * the double, where they are enforced).
 */
class AzureFirstContactTest {

    static final String GALLERY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/render/providers"
            + "/Microsoft.Compute/galleries/studio/images/maya2025-arnold/versions/1.0.0";

    @TempDir
    Path tmp;

    BatchDouble batch;
    AzureFarm farm;

    @BeforeEach
    void start() throws IOException {
        batch = BatchDouble.builder(tmp.resolve("nodes")).start();
        farm = farm(new PoolChoice.Existing("idle"), BatchTimeouts.standard(Duration.ofMillis(20)));
    }

    @AfterEach
    void stop() {
        batch.close();
    }

    private AzureFarm farm(PoolChoice pool, BatchTimeouts timeouts) {
        return new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()), EntraBatchCredentials::defaultCredential,
                Clock.systemUTC(), new StateHome(tmp.resolve("state")), AzureJobSettings.on(pool), 4, timeouts);
    }

    private void idlePool() {
        farm.createPool(new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
    }

    private static Job renamed(Job spec, List<String> ids) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            Task t = spec.tasks().get(i);
            tasks.add(Task.of(ids.get(i), t.command()).withFrames(t.frames(), t.requiredOutputs()));
        }
        return spec.withTasks(tasks);
    }

    // ---- rule 2: task ids are case-insensitive within a job; jobpreparation and jobrelease are reserved ----

    @Test
    void tasksWhoseIdsDifferOnlyInCaseAreRefusedBeforeTheJobExists() {
        idlePool();
        // the job model refuses the ids as the service would: no farm can be handed such a job
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> renamed(AzureFarmFaultsTest.frames("1-3"), List.of("Frame", "other", "frame")));

        assertTrue(e.getMessage().contains("'Frame' and 'frame' differ only in case"), e.getMessage());
        assertEquals(0, batch.jobCount(), "refused before the job exists");
        assertEquals(0, batch.requestCount("POST /jobs"));
    }

    @Test
    void aTaskNamedLikeTheJobPreparationTaskIsRefusedBeforeTheJobExists() {
        idlePool();
        Job spec = AzureFarmFaultsTest.frames("1-2").withTasks(AzureFarmFaultsTest.frames("1-2").tasks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> renamed(spec, List.of("1", "JobPreparation")));

        assertTrue(e.getMessage().contains("'JobPreparation' is reserved by Azure Batch for the job preparation task"),
                e.getMessage());
        assertEquals(0, batch.jobCount());
    }

    // ---- rule 4: creating a pool is not idempotent; a retried create of our own pool is success ----

    @Test
    void aPoolCreateWhoseAnswerWasLostIsOursAndSucceeds() {
        batch.faults().add("POST", "/pools", Kind.ERROR_500_AFTER, 1); // made, then the answer lost: the retry meets PoolExists

        idlePool();

        assertEquals(2, batch.requestCount("POST /pools"), "the create was sent again after the lost answer");
        assertEquals(1, batch.poolCount());
    }

    @Test
    void aPoolOfTheSameIdMadeByAnyoneElseIsStillRefused() {
        idlePool();
        AzureFarm other = farm(new PoolChoice.Existing("idle"), BatchTimeouts.standard(Duration.ofMillis(20)));

        FarmException e = assertThrows(FarmException.class, () -> other.createPool(
                new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty())));

        assertTrue(e.getMessage().startsWith("A pool of that id already exists"), e.getMessage());
    }

    // ---- rule 5: resizing needs a steady pool ----

    @Test
    void aResizeWhileThePoolIsStillResizingStopsThatResizeFirstAndSaysSo() throws IOException {
        batch.close();
        batch = BatchDouble.builder(tmp.resolve("nodes2")).allocationTime(Duration.ofSeconds(30)).start();
        farm = farm(new PoolChoice.Existing("idle"), BatchTimeouts.standard(Duration.ofMillis(20)));
        idlePool(); // still allocating for 30 s: not steady

        String note = farm.resizeNodes("idle", 2, 1, ShrinkPolicy.REQUEUE);

        assertTrue(note.startsWith("Pool idle was resizing (to 0 dedicated and 0 Spot node(s)): stopped that resize"), note);
        assertTrue(note.endsWith("then resized it to 2 dedicated and 1 Spot node(s)."), note);
        assertEquals(1, batch.requestCount("POST /pools/{id}/stopresize"));
        assertEquals(1, batch.requestCount("POST /pools/{id}/resize"), "no resize sent while it was resizing");
        assertEquals(2, batch.poolBody("idle").orElseThrow().get("targetDedicatedNodes").getAsInt());
    }

    // ---- rule 1: Compute Gallery images need Microsoft Entra ID ----

    @Test
    void aGalleryImagePoolWithASharedKeyIsRefusedBeforeAnythingIsSent() {
        PoolSpec gallery = new PoolSpec("maya", "standard_d8s_v5", 1, 0, 1, new PoolImage.Gallery(GALLERY,
                "batch.node.ubuntu 22.04"), Optional.empty());

        FarmException e = assertThrows(FarmException.class, () -> farm.createPool(gallery));

        assertTrue(e.getMessage().startsWith("A Compute Gallery image needs you signed in with Microsoft Entra ID"), e.getMessage());
        assertTrue(e.getMessage().contains("your key is fine"), e.getMessage());
        assertEquals(0, batch.requestCount("POST /pools"), "nothing was sent");
    }

    // ---- rule 8: a Maya scene needs an image with Maya ----

    @Test
    void aMayaJobOnTheDefaultAutoPoolImageIsRefusedBeforeAnythingIsCreated() {
        AzureFarm auto = farm(new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 1,
                PoolImage.Marketplace.ubuntu2204(), Optional.empty())), BatchTimeouts.standard(Duration.ofMillis(20)));
        Job maya = new Job("", "shot010", new io.batchrender.job.Origin(io.batchrender.job.Origin.Kind.SCENE, "arnold",
                Optional.of(Path.of("/shots/shot010.ma"))), 0, io.batchrender.job.Constraints.of(1, Optional.empty()),
                Optional.empty(), Optional.empty(), java.util.Map.of(), List.of(Task.of("1", new io.batchrender.job.Command.Call(
                        MayaRenderer.RENDER, List.of("-r", "arnold", "-s", "1", "-e", "1", "/shots/shot010.ma"))).withFrames(List.of(1), 1)),
                Optional.empty(), java.util.Map.of(), List.of(), io.batchrender.job.BatchFields.NONE);

        List<String> problems = auto.preflight(maya, new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 1,
                PoolImage.Marketplace.ubuntu2204(), Optional.empty())));
        FarmException e = assertThrows(FarmException.class, () -> auto.submit(maya, AzureJobSettings.on(
                new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 1, PoolImage.Marketplace.ubuntu2204(),
                        Optional.empty()))).withAssets("http://127.0.0.1:1/fgrp-shot010?sig=x", "").withSceneBlob("shot010.ma")));

        assertEquals(1, problems.size());
        assertTrue(e.getMessage().startsWith("A Maya scene needs nodes with Maya and its renderer"), e.getMessage());
        assertEquals(0, batch.requestCount(), "nothing reached Batch");
    }

    // ---- rule 6: a lost answer (read timeout) is retried, not the end of the submission ----

    @Test
    void anAnswerThatComesTooLateIsRetriedAndEveryTaskIsAddedOnce() {
        idlePool();
        AzureFarm impatient = farm(new PoolChoice.Existing("idle"), BatchTimeouts.standard(Duration.ofMillis(20))
                .withRead(Duration.ofMillis(700)));
        batch.faults().late(2_000).add("POST", "/jobs/[^/]+/addtaskcollection", Kind.LATE_ANSWER, 1);

        JobInfo job = impatient.submit(AzureFarmFaultsTest.frames("1-150")).job();

        assertEquals(1, batch.jobCount(), "the job was not deleted");
        List<String> ids = batch.taskIds(job.id());
        assertEquals(150, ids.size());
        assertEquals(150, new HashSet<>(ids).size());
        assertEquals(3, batch.requestCount("POST /jobs/{id}/addtaskcollection"), "two collections, one sent again");
    }

    // ---- rule 10: polling that scales ----


    /** One poll as the watcher makes it: the job (with its counts), then its tasks. */
    private static int poll(BatchDouble batch, AzureFarm farm, String jobId, List<io.batchrender.farm.TaskInfo> seen) {
        int before = batch.requestCount();
        farm.job(jobId).orElseThrow();
        seen.clear();
        seen.addAll(farm.tasks(jobId));
        return batch.requestCount() - before;
    }

    @Test
    void pollingATenThousandTaskJobWithAllButTenDoneCostsAtMostFourRequestsAPoll() {
        idlePool();
        JobInfo job = farm.submit(AzureFarmFaultsTest.frames("1-10000")).job();
        batch.completeTasks(job.id(), 9_990);
        AzureFarm watching = farm(new PoolChoice.Existing("idle"), BatchTimeouts.standard(Duration.ofMillis(20)));
        List<io.batchrender.farm.TaskInfo> seen = new ArrayList<>();

        int first = poll(batch, watching, job.id(), seen);
        int[] steady = new int[5];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = poll(batch, watching, job.id(), seen);
        }
        batch.completeTasks(job.id(), 4);
        int afterChange = poll(batch, watching, job.id(), seen);

        // the first look lists the job whole: the job, its counts, ten pages of 1,000 tasks (every poll, before)
        assertEquals(12, first);
        for (int n : steady) {
            assertTrue(n <= 4, "a poll cost " + n + " requests");
        }
        assertTrue(afterChange <= 4, "a poll cost " + afterChange + " requests");
        assertEquals(10_000, seen.size());
        assertEquals(9_994, seen.stream().filter(t -> t.state() == io.batchrender.farm.TaskState.COMPLETED).count(),
                "the tasks that ended since the last poll are seen");
        System.out.println("polling a 10,000-task job with 9,990 done: first poll " + first + " requests, then "
                + java.util.Arrays.toString(steady) + ", after 4 more ended " + afterChange);
    }

    @Test
    void aCompletedJobsCountsAreAskedForOnceAndThenReadFromThisMachine() throws InterruptedException {
        idlePool();
        JobInfo job = farm.submit(AzureFarmFaultsTest.frames("1-3")).job();
        batch.completeTasks(job.id(), 3);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (farm.job(job.id()).orElseThrow().state() != io.batchrender.farm.JobState.COMPLETED
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        farm.jobs();
        int asked = batch.requestCount("GET /jobs/{id}/taskcounts");

        // the panel lists jobs every few seconds, each time through a new farm: a completed job costs no count again
        List<JobInfo> again = farm(new PoolChoice.Existing("idle"), BatchTimeouts.standard(Duration.ofMillis(20))).jobs();

        assertEquals(asked, batch.requestCount("GET /jobs/{id}/taskcounts"));
        assertEquals(3, again.get(0).counts().succeeded());
        assertTrue(again.get(0).succeeded());
    }
}

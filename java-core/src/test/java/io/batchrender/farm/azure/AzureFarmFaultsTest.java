package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.job.Job;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.farm.azure.testdouble.Faults.Kind;
import io.batchrender.settings.StateHome;

import io.batchrender.compile.SubmitRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, lost answers and server errors: whatever the service does, one job with every task once. */
class AzureFarmFaultsTest {

    @TempDir
    Path tmp;

    BatchDouble batch;
    AzureFarm farm;

    @BeforeEach
    void start() throws IOException {
        batch = BatchDouble.builder(tmp.resolve("nodes")).start();
        farm = farm(batch.key());
        // a pool with no nodes: tasks wait, so the test sees exactly what was added
        farm.createPool(new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
    }

    private AzureFarm farm(String key) {
        return new AzureFarm(new BatchAccount(batch.url(), batch.account(), key), new StateHome(tmp.resolve("state")),
                AzureJobSettings.on(new PoolChoice.Existing("idle")), 4, Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        batch.close();
    }

    static Job frames(String spec) {
        return SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("echo", "{frame}")), Optional.empty(),
                spec, 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));
    }

    @Test
    void throttlingLostAnswersAndServerErrorsStillGiveOneJobWithEveryTaskOnce() {
        batch.faults().retryAfter(1)
                .add("POST", "/jobs", Kind.ERROR_500_AFTER, 1) // the job is made, its answer lost
                .add("POST", "/jobs/[^/]+/addtaskcollection", Kind.THROTTLE_429, 2)
                .add("POST", "/jobs/[^/]+/addtaskcollection", Kind.BUSY_503, 1)
                .add("POST", "/jobs/[^/]+/addtaskcollection", Kind.ERROR_500_BEFORE, 1)
                .add("POST", "/jobs/[^/]+/addtaskcollection", Kind.ERROR_500_AFTER, 2)
                .add("POST", "/jobs/[^/]+/addtaskcollection", Kind.TASK_SERVER_ERROR, 2)
                .add("PATCH", "/jobs/[^/]+", Kind.BUSY_503, 1);
        long start = System.nanoTime();

        JobInfo job = farm.submit(frames("1-250")).job();

        assertEquals(1, batch.jobCount());
        List<String> ids = batch.taskIds(job.id());
        assertEquals(IntStream.rangeClosed(1, 250).mapToObj(Integer::toString).toList(), ids.stream().sorted(
                (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList());
        assertEquals(250, new HashSet<>(ids).size(), "no task added twice");
        assertEquals(2, batch.requestCount("POST /jobs"), "the job add was sent again once, after the lost answer");
        // 3 collections of 100, 100, 50; 6 of them answered 429, 503 or 500 and were sent again; the 2 x 10
        // tasks answered ServerError went again together in one more collection
        assertEquals(3 + 6 + 1, batch.requestCount("POST /jobs/{id}/addtaskcollection"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1000, "Retry-After: 1 was honoured");
        assertEquals(250, farm.job(job.id()).orElseThrow().counts().active());
    }

    @Test
    void aWrongKeyIsReportedAsAnAuthenticationFailure() {
        String wrong = java.util.Base64.getEncoder().encodeToString(new byte[64]);

        FarmException e = assertThrows(FarmException.class, () -> farm(wrong).pools());

        assertEquals("authentication failed: check the Batch account name, URL and key", e.getMessage());
    }

    @Test
    void aMissingPoolIsNamedAndNoJobIsLeft() {
        AzureFarm other = new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()), new StateHome(tmp.resolve("s2")),
                AzureJobSettings.on(new PoolChoice.Existing("nope")), 4, Duration.ofMillis(20));

        FarmException e = assertThrows(FarmException.class, () -> other.submit(frames("1-3")));

        assertTrue(e.getMessage().startsWith("Pool not found while finding pool nope"), e.getMessage());
        assertEquals(0, batch.jobCount());
    }

    @Test
    void anAutoPoolIsMadeForTheJobAndGoesWithIt() {
        AzureFarm auto = new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()), new StateHome(tmp.resolve("s3")),
                AzureJobSettings.on(new PoolChoice.AutoPool(new PoolSpec("", "standard_d2s_v5", 1, 1, 2,
                        PoolImage.Marketplace.ubuntu2204(), Optional.empty()))), 4, Duration.ofMillis(20));

        JobInfo job = auto.submit(frames("1-6")).job();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (auto.job(job.id()).orElseThrow().state() != io.batchrender.farm.JobState.COMPLETED && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertTrue(auto.job(job.id()).orElseThrow().succeeded());
        while (auto.pools().stream().anyMatch(p -> p.id().startsWith("batchrender_")) && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertTrue(auto.pools().stream().noneMatch(p -> p.id().startsWith("batchrender_")), "the auto-pool is gone");
        assertEquals("6\n", readStdout(auto, job.id(), "6"));
    }

    @Test
    void listingFollowsTheNextLinkAcrossPages() {
        JobInfo job = farm.submit(frames("1-2500")).job();

        List<io.batchrender.farm.TaskInfo> tasks = farm.tasks(job.id());

        assertEquals(2500, tasks.size());
        assertEquals(IntStream.rangeClosed(1, 2500).mapToObj(Integer::toString).toList(),
                tasks.stream().map(io.batchrender.farm.TaskInfo::id).toList());
        assertEquals(List.of(2500), tasks.get(2499).frames());
        assertEquals(3, batch.requestCount("GET /jobs/{id}/tasks"), "pages of 1000, 1000 and 500");
    }

    /**
     * Issue 18: a pass over a job a page at a time (the watcher's, {@code followedTasks}) costs the requests of one
     * look, not one a page. (A look at one page, {@code tasks(job, query)}, asks Batch for that page: AzureTaskPagesTest.)
     */
    @Test
    void thePagesAfterTheFirstAreCutFromTheListingOfTheFirst() {
        JobInfo job = farm.submit(frames("1-2500")).job();

        var first = farm.followedTasks(job.id(), new io.batchrender.farm.TaskQuery(1, 1000, Optional.empty()));
        assertEquals(3, batch.requestCount("GET /jobs/{id}/tasks"), "the job listed whole: pages of 1000, 1000 and 500");
        var third = farm.followedTasks(job.id(), new io.batchrender.farm.TaskQuery(3, 1000, Optional.empty()));
        var active = farm.followedTasks(job.id(), new io.batchrender.farm.TaskQuery(2, 2000,
                Optional.of(io.batchrender.farm.TaskQuery.StateFilter.ACTIVE)));

        assertEquals(3, batch.requestCount("GET /jobs/{id}/tasks"), "pages 2 and 3 asked nothing of Batch");
        assertEquals("1", first.tasks().get(0).id());
        assertEquals(3, first.pages());
        assertEquals(IntStream.rangeClosed(2001, 2500).mapToObj(Integer::toString).toList(),
                third.tasks().stream().map(io.batchrender.farm.TaskInfo::id).toList());
        assertEquals(500, active.tasks().size(), "a pool with no nodes: every task waits");
        assertEquals(2500, active.counts().active());
        farm.followedTasks(job.id(), new io.batchrender.farm.TaskQuery(1, 1000, Optional.empty()));
        assertEquals(4, batch.requestCount("GET /jobs/{id}/tasks"), "a first page looks again: what changed since");
    }

    @Test
    void aCollectionOverOneMegabyteIsSentAgainInHalves() {
        String big = "x".repeat(15_000); // 100 tasks of 15 kB: 1.5 MB, over the service's limit
        Job spec = SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("echo", big, "{frame}")),
                Optional.empty(), "1-100", 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));

        JobInfo job = farm.submit(spec).job();

        assertEquals(100, new HashSet<>(batch.taskIds(job.id())).size());
        assertEquals(3, batch.requestCount("POST /jobs/{id}/addtaskcollection"), "refused once, then two halves");
    }

    @Test
    void aSceneJobWithoutItsAssetProjectIsRefusedBeforeAnythingIsMade() throws IOException {
        Path scene = io.batchrender.render.TestScenes.blend();
        Job spec = SceneCompiler.compile(new SubmitRequest(Optional.of(io.batchrender.render.RenderOptions.forScene(scene)),
                Optional.empty(), Optional.of("blender"), "1-3", 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));

        FarmException e = assertThrows(FarmException.class, () -> farm.submit(spec));

        assertTrue(e.getMessage().contains("--assets-url"), e.getMessage());
        assertEquals(0, batch.jobCount());
    }

    private static String readStdout(AzureFarm f, String job, String task) {
        try {
            return java.nio.file.Files.readString(f.log(job, task, 0).stdout());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

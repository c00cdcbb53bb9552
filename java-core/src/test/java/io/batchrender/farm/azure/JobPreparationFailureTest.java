package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import io.batchrender.storage.ContainerAccess;

import io.batchrender.compile.SubmitRequest;
import io.batchrender.watch.Thumbnailer;
import io.batchrender.watch.WatchOptions;
import io.batchrender.watch.WatchPaths;
import io.batchrender.watch.WatchState;
import io.batchrender.watch.WatchStatus;
import io.batchrender.watch.Watcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose preparation task fails: the service never runs its tasks on that node, they stay active
 * (https://learn.microsoft.com/rest/api/batchservice/job/add, JobPreparationTask.waitForSuccess). The farm
 * reads the preparation status and says why the job is stuck; the watcher stops with that reason instead of
 * polling forever; replace-nodes brings fresh nodes that prepare again.
 */
class JobPreparationFailureTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    private static io.batchrender.job.Job frames(String range) {
        return SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("echo", "{frame}")), Optional.empty(),
                range, 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));
    }

    private static JobInfo await(AzureFarm farm, String jobId, Predicate<JobInfo> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JobInfo j = farm.job(jobId).orElseThrow();
        while (!done.test(j) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            j = farm.job(jobId).orElseThrow();
        }
        return j;
    }

    @Test
    void anExpiredAssetSasBlocksTheJobAndTheWatcherSaysSoAndStops() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
             AzureBlobStore store = AZURITE.store()) {
            store.createContainer("fgrp-shot");
            String expiring = store.sas().url("fgrp-shot", ContainerAccess.READ_LIST, Duration.ofSeconds(1));
            Thread.sleep(2_500); // the SAS has expired before any node reads it
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "render");
            farm.createPool(new PoolSpec("render", "standard_d2s_v5", 1, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));

            JobInfo job = farm.submit(frames("1-3"), AzureJobSettings.on(new PoolChoice.Existing("render")).withAssets(expiring, "")).job();
            JobInfo blocked = await(farm, job.id(), j -> j.blocked().isPresent());

            assertEquals(JobState.ACTIVE, blocked.state());
            assertEquals(3, blocked.counts().active(), "the tasks wait: none failed, none ran");
            String why = blocked.blocked().orElseThrow();
            assertTrue(why.startsWith("The job's preparation (laying its asset project out on the node) failed on node tvmps_"), why);
            assertTrue(why.contains("BlobAccessDenied"), why);
            assertTrue(why.contains("The asset project's SAS looks expired or revoked: submit the job again"), why);
            assertTrue(farm.jobs().stream().anyMatch(j -> j.id().equals(job.id()) && j.blocked().isPresent()), "jobs says it too");

            WatchState watched = new Watcher(job.id(), tmp.resolve("frames"), farm, new AzureTaskOutputs(farm, store),
                    new WatchPaths(new StateHome(tmp.resolve("state")), job.id()), new Thumbnailer(List.of()),
                    new WatchOptions(Duration.ofMillis(100), 0, 3), Clock.systemUTC()).run();

            assertEquals(WatchStatus.FAILED, watched.status());
            assertTrue(watched.message().contains("cannot go on: The job's preparation"), watched.message());
        }
    }

    @Test
    void replacingTheFailedNodesLetsTheJobRunOnceTheCauseIsGone() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
             AzureBlobStore store = AZURITE.store()) {
            // the asset container does not exist yet: the node's download fails (and once it exists it is empty:
            // the preparation must not fail on an asset project with no files)
            String url = store.sas().readListUrl("fgrp-late");
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "render");
            farm.createPool(new PoolSpec("render", "standard_d2s_v5", 1, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            JobInfo job = farm.submit(frames("1-2"), AzureJobSettings.on(new PoolChoice.Existing("render")).withAssets(url, "")).job();
            await(farm, job.id(), j -> j.blocked().isPresent());
            store.createContainer("fgrp-late");

            String done = farm.replaceFailedNodes(job.id());

            assertEquals("Replaced 1 node(s) of pool render with fresh ones; the job's tasks run once a new node has prepared.", done);
            assertTrue(farm.job(job.id()).orElseThrow().blocked().isEmpty(),
                    "a fresh node is coming: the failure of the node that left no longer blocks the job");
            JobInfo end = await(farm, job.id(), j -> j.counts().succeeded() == 2);
            assertEquals(2, end.counts().succeeded(), end.toString());
            assertTrue(end.blocked().isEmpty());
            assertEquals(1, batch.poolBody("render").orElseThrow().get("targetDedicatedNodes").getAsInt(), "the pool keeps its size");
        }
    }
}

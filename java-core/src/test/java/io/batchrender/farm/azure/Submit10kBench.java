package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import io.batchrender.farm.JobInfo;
import io.batchrender.job.Job;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;

import io.batchrender.compile.SubmitRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * bench/submit_10k.sh: submits an N-frame job (default 10,000) to the Batch double on a pool with
 * no nodes and prints the time and the requests against the minimum (one job add, N/100 task
 * collections, one patch). Run from a cold JVM, as a CLI submit would.
 */
public final class Submit10kBench {

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("submit10k");
        try (BatchDouble batch = BatchDouble.builder(dir.resolve("nodes")).start()) {
            AzureFarm farm = new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()),
                    new StateHome(dir.resolve("state")), AzureJobSettings.on(new PoolChoice.Existing("idle")), args.length > 1 ? Integer.parseInt(args[1]) : 8,
                    Duration.ofMillis(200));
            farm.createPool(new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            Job spec = SceneCompiler.compile(new SubmitRequest(Optional.empty(),
                    Optional.of(List.of("blender", "-b", "shot.blend", "-o", "{output}/shot_####", "-f", "{frame}")),
                    Optional.empty(), "1-" + frames, 1, Optional.empty(), Optional.empty(), 2, Optional.empty()));
            int before = batch.requestCount();

            long start = System.nanoTime();
            JobInfo job = farm.submit(spec).job();
            double seconds = (System.nanoTime() - start) / 1e9;

            int sent = batch.requestCount() - before;
            int collections = batch.requestCount("POST /jobs/{id}/addtaskcollection");
            int minCollections = (frames + 99) / 100;
            // submit = check the pool, add the job, the collections, patch onAllTasksComplete, read the job and its counts
            int minimum = 1 + 1 + minCollections + 1 + 2;
            int added = batch.taskIds(job.id()).size();
            System.out.printf("submit of %d frames: %.2f s (target < 5 s)%n", frames, seconds);
            System.out.printf("task collections: %d (minimum %d at 100 tasks each)%n", collections, minCollections);
            System.out.printf("requests in all: %d (minimum %d; target <= 110); ratio %.2f%n", sent, minimum, (double) sent / minimum);
            System.out.printf("tasks on the service: %d%n", added);
            if (added != frames) {
                System.exit(1);
            }
        }
    }
}

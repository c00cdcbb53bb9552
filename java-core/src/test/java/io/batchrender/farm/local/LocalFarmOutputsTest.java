package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskInfo;
import io.batchrender.watch.Thumbnailer;
import io.batchrender.watch.WatchOptions;
import io.batchrender.watch.WatchPaths;
import io.batchrender.watch.WatchState;
import io.batchrender.watch.WatchStatus;
import io.batchrender.watch.Watcher;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local farm says each task wrote, and the watcher fetching it, on real task processes. */
class LocalFarmOutputsTest {

    @TempDir
    Path dir;

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void eachSuccessfulTaskListsTheFilesItPublishedWithTheirChecksums() throws Exception {
        try (FarmFixture f = new FarmFixture(dir)) {
            var job = f.submitCommand("dd if=/dev/urandom of={output}/part_{frame:3}.bin bs=1000 count=3 status=none",
                    "1-2", 0, Optional.empty());
            f.awaitCompleted(job.id(), Duration.ofSeconds(60));
            LocalTaskOutputs outputs = new LocalTaskOutputs(f.home, f.farm);
            List<TaskInfo> tasks = f.farm.tasks(job.id());
            for (TaskInfo t : tasks) {
                List<OutputFile> files = outputs.list(job.id(), t);
                String name = String.format("part_%03d.bin", t.frames().get(0));
                assertEquals(1, files.size());
                OutputFile out = files.get(0);
                Path published = job.outputDir().resolve(name);
                assertEquals(name, out.name());
                assertEquals(3000, out.size());
                assertEquals(sha256(published), out.checksum().orElseThrow().hex());
                try (InputStream in = outputs.open(job.id(), out)) {
                    assertEquals(3000, in.readAllBytes().length);
                }
            }
        }
    }

    @Test
    void theWatcherFetchesEveryOutputOnceAndSkipsWhatIsAlreadyThere() throws Exception {
        try (FarmFixture f = new FarmFixture(dir)) {
            var job = f.submitCommand("dd if=/dev/urandom of={output}/part_{frame:3}.bin bs=4096 count=2 status=none",
                    "1-3", 0, Optional.empty());
            f.awaitCompleted(job.id(), Duration.ofSeconds(60));
            Path dest = dir.resolve("dest");
            WatchPaths paths = new WatchPaths(f.home, job.id());
            WatchOptions fast = new WatchOptions(Duration.ofMillis(50), 0, 3);
            Watcher first = new Watcher(job.id(), dest, f.farm, new LocalTaskOutputs(f.home, f.farm), paths,
                    new Thumbnailer(List.of()), fast, Clock.systemUTC());
            WatchState end = first.run();

            assertEquals(WatchStatus.FINISHED, end.status(), end.message());
            assertEquals(3, end.files().size());
            for (int frame = 1; frame <= 3; frame++) {
                String name = String.format("part_%03d.bin", frame);
                assertEquals(sha256(job.outputDir().resolve(name)), sha256(dest.resolve(name)));
            }
            // a damaged copy is fetched again; an intact one is left alone
            Path damaged = dest.resolve("part_002.bin");
            Files.write(damaged, new byte[8192]);
            var intactBefore = Files.getLastModifiedTime(dest.resolve("part_001.bin"));
            Files.writeString(dest.resolve(".part_003.bin.batchrender-partial"), "left by a killed watcher");
            WatchState again = new Watcher(job.id(), dest, f.farm, new LocalTaskOutputs(f.home, f.farm), paths,
                    new Thumbnailer(List.of()), fast, Clock.systemUTC()).run();

            assertEquals(WatchStatus.FINISHED, again.status());
            assertEquals(sha256(job.outputDir().resolve("part_002.bin")), sha256(damaged));
            assertEquals(intactBefore, Files.getLastModifiedTime(dest.resolve("part_001.bin")));
            try (Stream<Path> left = Files.list(dest)) {
                assertEquals(List.of("part_001.bin", "part_002.bin", "part_003.bin"),
                        left.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertEquals(3, again.files().size());
            assertFalse(Files.exists(paths.stopRequest()));
            assertTrue(Files.isRegularFile(paths.state()));
        }
    }

    /**
     * Issue 18: a watcher of a 100,000-task job must not read every task at every poll. Polls where no task finished
     * look at the job (its counts) only; the succeeded tasks are listed, a page at a time, once some succeeded.
     */
    @Test
    void theWatcherListsTasksOnlyWhenSomeSucceededSinceItsLastLook() throws Exception {
        try (FarmFixture f = new FarmFixture(dir)) {
            f.farm.resize("local", 0);
            var job = f.submitCommand("touch {output}/a_{frame}.txt", "1-3", 0, Optional.empty());
            CountingFarm counting = new CountingFarm(f.farm);
            WatchOptions fast = new WatchOptions(Duration.ofMillis(20), 0, 3);
            Watcher watcher = new Watcher(job.id(), dir.resolve("dest"), counting, new LocalTaskOutputs(f.home, f.farm),
                    new WatchPaths(f.home, job.id()), new Thumbnailer(List.of()), fast, Clock.systemUTC());
            var end = new java.util.concurrent.CompletableFuture<WatchState>();
            Thread t = new Thread(() -> {
                try {
                    end.complete(watcher.run());
                } catch (Exception e) {
                    end.completeExceptionally(e);
                }
            });
            t.start();
            FarmFixture.await(Duration.ofSeconds(30), () -> counting.jobLooks.get() >= 4, "the watcher to look at the job");
            assertEquals(0, counting.taskListings.get(), "nothing succeeded yet: no task listed");

            f.farm.resize("local", 2);
            WatchState done = end.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(WatchStatus.FINISHED, done.status(), done.message());
            assertEquals(List.of("a_1.txt", "a_2.txt", "a_3.txt"),
                    done.files().stream().map(io.batchrender.watch.FetchedFile::name).sorted().toList());
            assertTrue(counting.taskListings.get() >= 1 && counting.taskListings.get() < counting.jobLooks.get(),
                    counting.taskListings + " listings in " + counting.jobLooks + " looks");
        }
    }

    /** The local farm, counting the watcher's looks at the job and its listings of tasks. */
    private static final class CountingFarm implements io.batchrender.farm.RenderFarm {
        final io.batchrender.farm.RenderFarm farm;
        final java.util.concurrent.atomic.AtomicInteger jobLooks = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger taskListings = new java.util.concurrent.atomic.AtomicInteger();

        CountingFarm(io.batchrender.farm.RenderFarm farm) {
            this.farm = farm;
        }

        @Override
        public io.batchrender.farm.Submitted submit(io.batchrender.job.Job job) {
            return farm.submit(job);
        }

        @Override
        public com.google.gson.JsonObject preview(io.batchrender.job.Job job) {
            return farm.preview(job);
        }

        @Override
        public List<io.batchrender.farm.JobInfo> jobs() {
            return farm.jobs();
        }

        @Override
        public Optional<io.batchrender.farm.JobInfo> job(String jobId) {
            jobLooks.incrementAndGet();
            return farm.job(jobId);
        }

        @Override
        public List<TaskInfo> tasks(String jobId) {
            taskListings.incrementAndGet();
            return farm.tasks(jobId);
        }

        @Override
        public io.batchrender.farm.TaskPage tasks(String jobId, io.batchrender.farm.TaskQuery query) {
            taskListings.incrementAndGet();
            return farm.tasks(jobId, query);
        }

        @Override
        public void cancel(String jobId) {
            farm.cancel(jobId);
        }

        @Override
        public void delete(String jobId) {
            farm.delete(jobId);
        }

        @Override
        public io.batchrender.farm.TaskLog log(String jobId, String taskId, int attempt) {
            return farm.log(jobId, taskId, attempt);
        }

        @Override
        public List<io.batchrender.farm.PoolInfo> pools() {
            return farm.pools();
        }

        @Override
        public String resize(String poolId, int slots, io.batchrender.farm.ShrinkPolicy policy) {
            return farm.resize(poolId, slots, policy);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDamagedOutputListOrADeletedJobEndsTheWatcherAsFailedWithTheReason() throws Exception {
        try (FarmFixture f = new FarmFixture(dir)) {
            var job = f.submitCommand("touch {output}/a_{frame}.txt", "1", 0, Optional.empty());
            f.awaitCompleted(job.id(), Duration.ofSeconds(60));
            Path manifest = AttemptFiles.of(f.home, job.id(), "1", 1).manifest();
            Files.writeString(manifest, "[{\"name\": \"../../escape.txt\", \"size\": 0}]");
            WatchOptions fast = new WatchOptions(Duration.ofMillis(20), 0, 2);
            WatchPaths paths = new WatchPaths(f.home, job.id());
            WatchState damaged = new Watcher(job.id(), dir.resolve("d1"), f.farm, new LocalTaskOutputs(f.home, f.farm),
                    paths, new Thumbnailer(List.of()), fast, Clock.systemUTC()).run();
            assertEquals(WatchStatus.FAILED, damaged.status());
            assertTrue(damaged.message().contains("cannot be listed"), damaged.message());
            assertFalse(Files.exists(dir.resolve("escape.txt")));

            f.farm.delete(job.id());
            WatchState gone = new Watcher(job.id(), dir.resolve("d2"), f.farm, new LocalTaskOutputs(f.home, f.farm),
                    paths, new Thumbnailer(List.of()), fast, Clock.systemUTC()).run();
            assertEquals(WatchStatus.FAILED, gone.status());
            assertTrue(gone.message().contains("no longer exists"), gone.message());
        }
    }
}

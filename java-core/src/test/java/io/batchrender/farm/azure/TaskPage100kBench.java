package io.batchrender.farm.azure;

import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * bench/azure_task_page.sh: a page of 100 running tasks of an N-task job (default 100,000; 1,000 of them running,
 * spread over the job) on the Batch double, each look through a fresh farm as a CLI {@code job show --state running}
 * or the panel's first look has it. "before": the job's listing paged on this machine (what {@code tasks(job, query)}
 * did before; now the watcher's {@code followedTasks}); "after": the service's filter and paging. Prints requests,
 * time (median of 3) and the heap the farm keeps afterwards.
 */
public final class TaskPage100kBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("taskpage100k");
        try (BatchDouble batch = BatchDouble.builder(dir.resolve("nodes")).start()) {
            BatchAccount account = new BatchAccount(batch.url(), batch.account(), batch.key());
            AzureFarm setup = farm(account, dir);
            setup.createPool(new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            long t0 = System.nanoTime();
            String job = setup.submit(AzureFarmFaultsTest.frames("1-" + n)).job().id();
            System.out.printf("set-up: %d tasks submitted in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            batch.startTasks(job, 1000, Math.max(1, n / 1000));

            TaskQuery running1 = new TaskQuery(1, 100, Optional.of(TaskQuery.StateFilter.RUNNING));
            TaskQuery running2 = new TaskQuery(2, 100, Optional.of(TaskQuery.StateFilter.RUNNING));
            TaskQuery deep = new TaskQuery(n / 200, 100, Optional.empty());
            for (String side : List.of("before", "after")) {
                BiFunction<AzureFarm, TaskQuery, TaskPage> look = side.equals("before")
                        ? (f, q) -> f.followedTasks(job, q) : (f, q) -> f.tasks(job, q);
                // the whole listing takes minutes on the double (it filters every task for each page): one round before
                int rounds = side.equals("before") ? 1 : 3;
                measure(side, "page 1 of 100 running", rounds, batch, account, dir, f -> look.apply(f, running1));
                measure(side, "pages 1 and 2 of 100 running, one farm", rounds, batch, account, dir, f -> {
                    look.apply(f, running1);
                    return look.apply(f, running2);
                });
                measure(side, "page " + deep.page() + " of 100, every state", rounds, batch, account, dir,
                        f -> look.apply(f, deep));
            }
        }
    }

    private static AzureFarm farm(BatchAccount account, Path dir) {
        return new AzureFarm(account, new StateHome(dir.resolve("state")), AzureJobSettings.on(new PoolChoice.Existing("idle")), 8,
                Duration.ofMillis(200));
    }

    /** Keeps the farm and its page reachable while the heap is measured. */
    static volatile Object sink;

    private static void measure(String side, String what, int rounds, BatchDouble batch, BatchAccount account, Path dir,
                                java.util.function.Function<AzureFarm, TaskPage> look) {
        List<Double> times = new ArrayList<>();
        int requests = 0;
        long kept = 0;
        int shown = 0;
        for (int round = 0; round < rounds; round++) {
            AzureFarm farm = farm(account, dir);
            long heapBefore = usedAfterGc();
            int before = batch.requestCount();
            long t = System.nanoTime();
            TaskPage page = look.apply(farm);
            times.add((System.nanoTime() - t) / 1e9);
            requests = batch.requestCount() - before;
            shown = page.tasks().size();
            sink = new Object[] {farm, page};
            kept = usedAfterGc() - heapBefore;
            sink = null;
        }
        times.sort(null);
        System.out.printf("%-6s %-42s %4d requests  %7.2f s (median of %d; %.2f-%.2f)  %6.1f MB kept by the farm and page"
                        + "  (%d tasks shown)%n", side, what, requests, times.get(times.size() / 2), times.size(),
                times.get(0), times.get(times.size() - 1), kept / 1e6, shown);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}

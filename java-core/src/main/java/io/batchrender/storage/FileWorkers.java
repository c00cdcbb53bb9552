package io.batchrender.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs per-file jobs (uploads, downloads) on daemon threads, as many at once as an {@link AdaptiveLimit}
 * allows (it learns from each job's bytes and time), and waits for all of them.
 */
final class FileWorkers {

    private FileWorkers() {
    }

    /** A job that returns how many bytes it moved (0 for a file it skipped or failed). */
    interface Job {
        long run();
    }

    /** Runs {@code jobs} with {@code parallel} at once (a fixed number: downloads to a disk). */
    static void runFixed(List<Runnable> jobs, int parallel, String name, Cancellation cancel) {
        List<Job> counted = new ArrayList<>(jobs.size());
        for (Runnable r : jobs) {
            counted.add(() -> {
                r.run();
                return 0;
            });
        }
        runAll(counted, AdaptiveLimit.fixed(parallel), name, cancel);
    }

    /**
     * Runs {@code jobs} named {@code name} and returns when every one has ended. An interrupt of the caller
     * cancels {@code cancel} (jobs check it) and returns; a job that throws is a bug (jobs report their files'
     * failures themselves) and ends the run with an {@link IllegalStateException}.
     */
    static void runAll(List<Job> jobs, AdaptiveLimit limit, String name, Cancellation cancel) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                if (cancel.isCancelled()) {
                    break;
                }
                limit.acquire();
                running.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    long bytes = 0;
                    try {
                        bytes = job.run();
                    } finally {
                        limit.release(bytes, System.nanoTime() - start);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a " + name + " worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

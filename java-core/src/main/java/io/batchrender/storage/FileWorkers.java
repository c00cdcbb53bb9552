package io.batchrender.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs per-file jobs (uploads, downloads) on a bounded pool of daemon threads and waits for all of them. */
final class FileWorkers {

    private FileWorkers() {
    }

    /**
     * Runs {@code jobs} on {@code threads} threads named {@code name} and returns when every one has ended. An
     * interrupt of the caller cancels {@code cancel} (jobs check it) and returns; a job that throws is a bug
     * (jobs report their files' failures themselves) and ends the run with an {@link IllegalStateException}.
     */
    static void runAll(List<Runnable> jobs, int threads, String name, Cancellation cancel) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>(jobs.size());
            for (Runnable job : jobs) {
                running.add(pool.submit(job));
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

package io.batchrender.farm.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import io.batchrender.farm.FarmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Adds a job's tasks: at most 100 per addtaskcollection request (the service's limit, and below
 * the SDK's createTasks hang), several requests in flight, every one bounded by a timeout. Task
 * ids are the job spec's, so a task whose add is retried after a lost answer comes back as
 * TaskExists and counts as added: no duplicates. Tasks answered ServerError are sent again.
 */
final class TaskSubmitter {

    static final int PER_REQUEST = 100;
    private static final Logger LOG = Logger.getLogger(TaskSubmitter.class.getName());
    private static final int MAX_ROUNDS = 6;

    private final BatchClient client;
    private final int inFlight;
    private final Duration callTimeout;

    TaskSubmitter(BatchClient client, int inFlight, Duration callTimeout) {
        this.client = client;
        this.inFlight = inFlight;
        this.callTimeout = callTimeout;
    }

    void addAll(String jobId, List<TaskAddParameter> tasks) {
        List<TaskAddParameter> pending = tasks;
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "batch-add-tasks");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_ROUNDS) {
                    throw new FarmException(pending.size() + " task(s) of job " + jobId + " could not be added after "
                            + MAX_ROUNDS + " tries (the service kept answering ServerError): submit again later.");
                }
                List<Future<List<TaskAddParameter>>> futures = new ArrayList<>();
                for (int i = 0; i < pending.size(); i += PER_REQUEST) {
                    List<TaskAddParameter> chunk = pending.subList(i, Math.min(pending.size(), i + PER_REQUEST));
                    futures.add(pool.submit(() -> addChunk(jobId, chunk)));
                }
                List<TaskAddParameter> again = new ArrayList<>();
                for (Future<List<TaskAddParameter>> f : futures) {
                    again.addAll(await(jobId, f));
                }
                if (!again.isEmpty()) {
                    LOG.info(again.size() + " task(s) of " + jobId + " answered ServerError; sending them again");
                    sleep(Math.min(8000, 250L << round));
                }
                pending = again;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<TaskAddParameter> await(String jobId, Future<List<TaskAddParameter>> f) {
        try {
            return f.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new FarmException("Adding tasks to job " + jobId + " took longer than " + callTimeout.toSeconds()
                    + " s: check the network, then submit again.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof FarmException fe ? fe : BatchErrors.explain("adding tasks to job " + jobId, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FarmException("Interrupted while adding tasks to job " + jobId + ".");
        }
    }

    /** Sends one collection; returns the tasks to send again. */
    private List<TaskAddParameter> addChunk(String jobId, List<TaskAddParameter> chunk) {
        TaskAddCollectionResult result;
        try {
            result = client.protocolLayer().tasks().addCollection(jobId, chunk);
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("RequestBodyTooLarge"::equals).isPresent() && chunk.size() > 1) {
                int half = chunk.size() / 2; // over 1 MB: the same tasks in two requests
                List<TaskAddParameter> again = new ArrayList<>(addChunk(jobId, chunk.subList(0, half)));
                again.addAll(addChunk(jobId, chunk.subList(half, chunk.size())));
                return again;
            }
            throw e;
        }
        List<TaskAddParameter> again = new ArrayList<>();
        for (TaskAddResult r : result.value()) {
            if (r.status() == TaskAddStatus.SUCCESS) {
                continue;
            }
            String code = r.error() == null ? "" : r.error().code();
            if (r.status() == TaskAddStatus.CLIENT_ERROR && "TaskExists".equals(code)) {
                continue; // added by an earlier try whose answer was lost
            }
            if (r.status() == TaskAddStatus.SERVER_ERROR) {
                chunk.stream().filter(t -> t.id().equals(r.taskId())).findFirst().ifPresent(again::add);
                continue;
            }
            String msg = r.error() != null && r.error().message() != null ? r.error().message().value() : "";
            throw new FarmException("Batch refused task " + r.taskId() + " of job " + jobId + ": " + code + ": " + msg);
        }
        return again;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FarmException("Interrupted while adding tasks.");
        }
    }
}

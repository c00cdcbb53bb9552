package io.batchrender.farm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where jobs run: this workstation ({@code farm.local}) or Azure Batch ({@code farm.azure}). */
public interface RenderFarm extends AutoCloseable {

    /**
     * Stores the job and starts whatever runs it. Throws {@link FarmException} with a one-line
     * reason when the farm cannot run it as it is (nothing is left behind then).
     */
    Submitted submit(io.batchrender.job.Job job);

    /**
     * What {@link #submit} would store or send for {@code job}, exactly, without doing it: every task's
     * command, environment, resource files and outputs (the local farm), or the request bodies (Azure).
     * Secrets are masked ({@link io.batchrender.job.Secrets}); nothing is created or uploaded.
     */
    com.google.gson.JsonObject preview(io.batchrender.job.Job job);

    List<JobInfo> jobs();

    Optional<JobInfo> job(String jobId);

    /** The job's tasks in submission order; throws {@link FarmException} for an unknown job. */
    List<TaskInfo> tasks(String jobId);

    /**
     * One page of the job's tasks in submission order, with how many match and the job's counts by state; throws
     * {@link FarmException} for an unknown job. The local farm reads only the page from its database; Azure asks
     * Batch for the page (its filter, its paging, its listing order, each page sorted by task id).
     */
    default TaskPage tasks(String jobId, TaskQuery query) {
        return TaskPage.of(tasks(jobId), query);
    }

    /**
     * {@link #tasks(String, TaskQuery)} for a client that passes over the same job's pages again and again (the
     * watcher): a farm may keep the job's listing between passes, so that a pass costs what changed since the last
     * one (Azure). The local farm reads its database either way.
     */
    default TaskPage followedTasks(String jobId, TaskQuery query) {
        return tasks(jobId, query);
    }

    /** Stops the job: running tasks are killed, tasks not started never start. Waits until it is done. */
    void cancel(String jobId);

    /** {@link #cancel(String)}, recording {@code reason} where the farm keeps one (Batch's terminateReason). */
    default void cancel(String jobId, String reason) {
        cancel(jobId);
    }

    /** Cancels the job, then removes it and the files the farm keeps for it. */
    void delete(String jobId);

    /** The logs of one attempt of a task ({@code attempt} 0: the latest). */
    TaskLog log(String jobId, String taskId, int attempt);

    List<PoolInfo> pools();

    /** Sets how many tasks the pool runs at once; 0 pauses it. Running tasks beyond it are requeued. */
    default String resize(String poolId, int slots) {
        return resize(poolId, slots, ShrinkPolicy.REQUEUE);
    }

    /**
     * Sets how many tasks the pool runs at once; {@code policy} says what happens to running tasks beyond it.
     *
     * @return what the farm had to do first, one line (e.g. it waited for a resize under way), or ""
     */
    String resize(String poolId, int slots, ShrinkPolicy policy);

    /**
     * What the artist should know about a job just submitted, one line each (the local farm: its pool is paused,
     * so the job waits); empty when nothing.
     */
    default List<String> notesFor(JobInfo job) {
        return List.of();
    }

    /**
     * Where this farm's finished tasks' outputs are read from, for the watcher: the local farm's job folders, or
     * Azure's output containers in the Azure store that {@code env} and {@code storage.json} name.
     */
    default TaskOutputs outputs(Map<String, String> env) {
        throw new FarmRequestException("Outputs of a " + getClass().getSimpleName() + " cannot be watched.");
    }

    /** Runs job and pool templates on this farm, its file groups in this farm's store ({@code env} names it). */
    default TemplateRunner templates(Map<String, String> env) {
        throw new FarmRequestException("A " + getClass().getSimpleName() + " cannot run templates.");
    }

    /** Jobs with cloud settings (pool choice, storage URLs, environment), when this farm takes them. */
    default Optional<CloudJobs> cloudJobs() {
        return Optional.empty();
    }

    /** Pools of nodes (create, delete, size by nodes, replace failed nodes), when this farm has them. */
    default Optional<NodePools> nodePools() {
        return Optional.empty();
    }

    @Override
    void close();
}

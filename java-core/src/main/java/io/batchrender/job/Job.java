package io.batchrender.job;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A render job as every farm takes it, in Azure Batch's shape: the job
 * (https://learn.microsoft.com/rest/api/batchservice/job/add) with its preparation and release
 * tasks, and its tasks. The scene compiler and the template compiler make it; a scene job and a
 * template job differ only in {@link #origin()}. Ids are checked as the service checks them
 * ({@link TaskIds}) when the value is made, so no farm ever sees a job Batch would refuse for them.
 *
 * @param id              the id asked for; empty: the farm makes one from the name
 * @param displayName     for people
 * @param origin          which compiler made it, from what
 * @param priority        -1000 to 1000, higher first
 * @param constraints     the job's wall-clock limit and its tasks' default retries
 * @param preparationTask runs on each node before the node's first task of the job
 * @param releaseTask     runs on each node that ran the job, after it ends
 * @param environment     {@code commonEnvironmentSettings}, under every task's own
 * @param tasks           in submission order; empty only for a job run by its job manager task ({@link #extra()})
 * @param outputDir       where the job's outputs come home: the local farm writes them there, the watcher
 *                        downloads Azure's there; empty: a folder the farm keeps for the job
 * @param metadata        Batch's job metadata, name to value
 * @param notes           what the compiler changed or left aside on the way, one line each, for the artist
 * @param extra           job-level Batch fields the model does not carry ({@code poolInfo} of a template,
 *                        {@code jobManagerTask}, {@code networkConfiguration}...)
 */
public record Job(String id, String displayName, Origin origin, int priority, Constraints constraints,
                  Optional<Task> preparationTask, Optional<Task> releaseTask, Map<String, String> environment,
                  List<Task> tasks, Optional<Path> outputDir, Map<String, String> metadata, List<String> notes,
                  BatchFields extra) {

    /** Batch's job preparation task id when the job gives none. */
    public static final String DEFAULT_PREPARATION_ID = "jobpreparation";
    /** Batch's job release task id when the job gives none. */
    public static final String DEFAULT_RELEASE_ID = "jobrelease";

    public Job {
        id = id == null ? "" : id;
        preparationTask = preparationTask == null ? Optional.empty() : preparationTask; // absent in stored JSON
        releaseTask = releaseTask == null ? Optional.empty() : releaseTask;
        outputDir = outputDir == null ? Optional.empty() : outputDir;
        constraints = constraints == null ? Constraints.NONE : constraints;
        extra = extra == null ? BatchFields.NONE : extra;
        metadata = metadata == null ? Map.of() : metadata;
        notes = notes == null ? List.of() : notes;
        environment = environment == null ? Map.of() : environment;
        tasks = tasks == null ? List.of() : tasks;
        environment = ImmutableMap.copyOf(environment);
        metadata = ImmutableMap.copyOf(metadata);
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
        if (priority < -1000 || priority > 1000) {
            throw new IllegalArgumentException("The job's priority " + priority + " is outside -1000 to 1000.");
        }
        if (tasks.isEmpty() && extra.get("jobManagerTask").isEmpty()) {
            throw new IllegalArgumentException("A job needs at least one task, or a job manager task.");
        }
        checkIds(preparationTask, releaseTask, tasks);
    }

    private static void checkIds(Optional<Task> prep, Optional<Task> release, List<Task> tasks) {
        TaskIds ids = new TaskIds();
        prep.ifPresent(p -> ids.reserve(p.id(), "the job preparation task"));
        release.ifPresent(r -> ids.reserve(r.id(), "the job release task"));
        if (prep.isPresent() && release.isPresent() && prep.get().id().equalsIgnoreCase(release.get().id())) {
            throw new IllegalArgumentException("The job preparation and release tasks both have the id '"
                    + prep.get().id() + "': give one of them another id.");
        }
        for (Task t : tasks) {
            ids.add(t.id()).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
    }

    /** The scene the job renders: a scene compiler's job; empty for a command sweep or a template. */
    public Optional<Path> scene() {
        return origin.kind() == Origin.Kind.SCENE ? origin.source() : Optional.empty();
    }

    /** The id of the job preparation task, when the job has one. */
    public Optional<String> preparationId() {
        return preparationTask.map(Task::id);
    }

    /** Every task the farm runs: the preparation task, the tasks, the release task. */
    public List<Task> allTasks() {
        List<Task> all = new ArrayList<>(tasks.size() + 2);
        preparationTask.ifPresent(all::add);
        all.addAll(tasks);
        releaseTask.ifPresent(all::add);
        return all;
    }

    public Job withId(String newId) {
        return new Job(newId, displayName, origin, priority, constraints, preparationTask, releaseTask, environment, tasks,
                outputDir, metadata, notes, extra);
    }

    public Job withEnvironment(Map<String, String> env) {
        return new Job(id, displayName, origin, priority, constraints, preparationTask, releaseTask, env, tasks,
                outputDir, metadata, notes, extra);
    }

    public Job withTasks(List<Task> newTasks) {
        return new Job(id, displayName, origin, priority, constraints, preparationTask, releaseTask, environment, newTasks,
                outputDir, metadata, notes, extra);
    }

    public Job withMetadata(Map<String, String> meta) {
        return new Job(id, displayName, origin, priority, constraints, preparationTask, releaseTask, environment, tasks,
                outputDir, meta, notes, extra);
    }

    public Job withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new Job(id, displayName, origin, priority, constraints, preparationTask, releaseTask, environment, tasks,
                outputDir, metadata, all, extra);
    }

    public Job withOutputDir(Optional<Path> dir) {
        return new Job(id, displayName, origin, priority, constraints, preparationTask, releaseTask, environment, tasks,
                dir, metadata, notes, extra);
    }

    /** The retries of {@code task}: its own, else the job's, else none. */
    public int retriesOf(Task task) {
        return task.constraints().maxTaskRetryCount().or(constraints::maxTaskRetryCount).orElse(0);
    }
}

package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import io.batchrender.storage.AssetStore;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.TaskShell;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs template jobs ({@link ExpandedJob}, the Batch REST shape the template engine produces) on
 * this workstation: the job's tasks run as Batch would run them on a node (command lines wrapped in
 * this workstation's shell as the Batch CLI extensions wrap them ({@link TaskShell}), then split
 * into words and run without a further shell, {@code AZ_BATCH_*} folders, job preparation and release tasks, task dependencies, resource
 * and output files), with file groups in the local store. Azure-only properties are reported, not
 * refused; a malformed job is refused with one line before anything is stored.
 */
public final class LocalTemplateJobs {

    private final LocalFarm farm;
    private final AssetStore store;
    private final Map<String, String> env;

    /**
     * @param farm  the local farm (its state folder's database and agent)
     * @param store the local store ({@code LocalBlobStore} under {@code AssetStores.localRoot(home)}),
     *              which the agent also opens to fetch file groups and upload outputs
     * @param env   the submitter's environment, below the job's and tasks' environment settings
     */
    public LocalTemplateJobs(LocalFarm farm, AssetStore store, Map<String, String> env) {
        this.farm = farm;
        this.store = store;
        this.env = Map.copyOf(env);
    }

    /**
     * Checks and stores the job, and starts the agent.
     *
     * @throws FarmException with one line for a malformed job (a task without a command line, two tasks
     *                       of one id, a dependency on a task not in the job or in a circle, a resource
     *                       path leaving the working folder, a bad duration) or a job id already taken
     */
    public TemplateSubmission submit(ExpandedJob job) {
        if (job.taskCount() == 0) {
            throw new FarmException("Job " + job.id() + " has only a job manager task, which adds its tasks through the"
                    + " Batch API: the local farm does not run job manager tasks; submit it with --farm azure.");
        }
        // as the Batch CLI extensions submit it to a pool of this workstation's OS: a node splits the wrapped
        // line into words and the shell it names reads the template's ';', '&&' and '$VAR'
        job = TaskShell.wrap(job, ProgramPath.onWindows() ? TaskShell.Os.WINDOWS : TaskShell.Os.LINUX);
        TemplatePlan plan = new TemplateJobReader(env).read(job);
        List<String> notes = new ArrayList<>(plan.ignored());
        notes.addAll(missingContainers(plan));
        return new TemplateSubmission(farm.submitTemplate(plan, env), notes);
    }

    /** Resource files from local store containers that are not there (yet): their tasks would fail. */
    private List<String> missingContainers(TemplatePlan plan) {
        Set<String> containers = new LinkedHashSet<>();
        plan.tasks().forEach(t -> t.spec().resourceFiles().stream()
                .filter(f -> f.container() != null).forEach(f -> containers.add(f.container())));
        List<String> lines = new ArrayList<>();
        for (String c : containers) {
            if (!store.containerExists(c)) {
                lines.add("warning: the local store has no container " + c + " (" + store.describe()
                        + "): upload the file group before its tasks start, or they fail");
            }
        }
        return lines;
    }
}

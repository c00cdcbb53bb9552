package io.batchrender.cli;

import io.batchrender.json.JsonViews;
import com.google.gson.JsonObject;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.TaskLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "job", mixinStandardHelpOptions = true, description = "Show, cancel or delete one job, or read a task's logs.",
        subcommands = {JobCommand.Show.class, JobCommand.Cancel.class, JobCommand.Delete.class, JobCommand.Logs.class,
            JobCommand.ReplaceNodes.class})
final class JobCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new UsageException("Say what to do with the job: batchrender job show|cancel|delete|logs ...");
    }

    static JobInfo find(RenderFarm farm, String jobId) {
        return farm.job(jobId).orElseThrow(() -> new FarmException("No job '" + jobId + "' on "
                + (farm.nodePools().isPresent() ? "the Batch account: list them with 'batchrender jobs --farm azure'."
                : "this workstation: list them with 'batchrender jobs'.")));
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a job, its tasks' counts by state and a page of its tasks (in submission order; on Azure in the"
                    + " order Batch lists them, each page sorted by task id).")
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @Parameters(paramLabel = "JOB")
        String jobId;

        @Option(names = "--json", description = "Print the job, its counts and the page of tasks as JSON.")
        boolean json;

        @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Which page of tasks (1 is the first).")
        int page;

        @Option(names = "--page-size", paramLabel = "N", defaultValue = "" + TaskQuery.DEFAULT_PAGE_SIZE,
                description = "Tasks a page (default ${DEFAULT-VALUE}, at most " + TaskQuery.MAX_PAGE_SIZE + ").")
        int pageSize;

        @Option(names = "--state", paramLabel = "STATE",
                description = "Only tasks that are active, running, completed, failed or succeeded.")
        String state;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            TaskQuery query;
            try {
                query = new TaskQuery(page, pageSize, Optional.ofNullable(state).map(TaskQuery.StateFilter::fromWire));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                JobInfo job = find(farm, jobId);
                TaskPage tasks = farm.tasks(jobId, query);
                if (json) {
                    cli.out.println(JsonViews.GSON.toJson(JsonViews.jobWithTaskPage(job, tasks)));
                    return 0;
                }
                PrintWriter o = cli.out;
                TaskCounts c = tasks.counts();
                o.println("Job      " + job.id() + " (" + job.name() + ")");
                o.println("State    " + TextViews.state(job) + ", " + TextViews.progress(c));
                o.println("Tasks    " + c.total() + ": " + c.active() + " active, " + c.running() + " running, "
                        + c.succeeded() + " succeeded, " + c.failed() + " failed");
                o.println("Renderer " + job.renderer() + job.scene().map(s -> " " + s).orElse(""));
                o.println("Output   " + (job.renderer().equals("template")
                        ? "the file groups its tasks' outputFiles name ('batchrender watch " + job.id() + " --to DIR' brings them here)"
                        : job.outputDir()));
                o.println("Created  " + TextViews.time(job.created())
                        + job.ended().map(e -> ", ended " + TextViews.time(e)).orElse(""));
                job.blocked().ifPresent(b -> o.println("BLOCKED  " + b));
                o.println();
                String which = query.state().map(f -> " " + f.wire()).orElse("");
                long first = query.offset() + 1;
                o.println(tasks.tasks().isEmpty()
                        ? "Page     " + page + " of " + tasks.pages() + ": no" + which + " tasks here (" + tasks.matching()
                                + which + " in all)"
                        : "Page     " + page + " of " + tasks.pages() + ": tasks " + first + "-" + (first + tasks.tasks().size() - 1)
                                + " of " + tasks.matching() + which
                                + (page < tasks.pages() ? " (next: --page " + (page + 1) + ")" : ""));
                o.printf("%-6s %-16s %-20s %-5s %-8s %-9s %s%n", "TASK", "FRAMES", "STATE", "EXIT", "ATTEMPTS", "TIME", "FAILURE");
                for (TaskInfo t : tasks.tasks()) {
                    o.printf("%-6s %-16s %-20s %-5s %-8d %-9s %s%n", t.id(), TextViews.frames(t), TextViews.taskState(t),
                            t.exitCode().map(String::valueOf).orElse("-"), t.attempts(), TextViews.elapsed(t),
                            t.failure().map(f -> f.message()).orElse(""));
                }
                return 0;
            }
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Stop a job: running tasks are killed with every process they started; the rest never start.")
    static final class Cancel implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @Parameters(paramLabel = "JOB")
        String jobId;

        @picocli.CommandLine.Option(names = "--reason", paramLabel = "TEXT",
                description = "Azure: why, kept as the job's terminate reason (Batch Explorer and the portal show it).")
        String reason = "";

        Cancel(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                find(farm, jobId);
                farm.cancel(jobId, reason);
                cli.err.println("Cancelled " + jobId + "; finished images stay in " + find(farm, jobId).outputDir());
                return 0;
            }
        }
    }

    @Command(name = "replace-nodes", mixinStandardHelpOptions = true,
            description = {"Azure: replace the nodes where the job's preparation failed with fresh ones.",
                "Batch runs none of a job's tasks on a node where its preparation task failed; this removes those nodes"
                + " and brings their pool back to its node counts, so new nodes join and prepare again."})
    static final class ReplaceNodes implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @Parameters(paramLabel = "JOB")
        String jobId;

        ReplaceNodes(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                io.batchrender.farm.NodePools pools = PoolCommand.nodePools(farm, "replacing nodes");
                find(farm, jobId);
                String done = pools.replaceFailedNodes(jobId);
                cli.err.println(done.isEmpty() ? "No node of job " + jobId + " failed its preparation: nothing to replace." : done);
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Cancel a job and remove it with its logs (and its images, when they are in the job's own folder).")
    static final class Delete implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @Parameters(paramLabel = "JOB")
        String jobId;

        Delete(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                find(farm, jobId);
                farm.delete(jobId);
                cli.err.println("Deleted " + jobId);
                return 0;
            }
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "Print a task's standard output and error (the latest attempt unless --attempt).")
    static final class Logs implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @Parameters(index = "0", paramLabel = "JOB")
        String jobId;

        @Parameters(index = "1", paramLabel = "TASK")
        String taskId;

        @Option(names = "--attempt", paramLabel = "N", defaultValue = "0", description = "Which attempt (1 is the first).")
        int attempt;

        @Option(names = "--stdout", description = "Only standard output.")
        boolean stdoutOnly;

        @Option(names = "--stderr", description = "Only standard error.")
        boolean stderrOnly;

        @Option(names = "--json", description = "Print the log files' paths and texts as JSON.")
        boolean json;

        Logs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException {
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                find(farm, jobId);
                TaskLog log = farm.log(jobId, taskId, attempt);
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("jobId", jobId);
                    o.addProperty("taskId", taskId);
                    o.addProperty("attempt", log.attempt());
                    o.addProperty("stdoutPath", log.stdout().toString());
                    o.addProperty("stderrPath", log.stderr().toString());
                    o.addProperty("stdout", read(log.stdout()));
                    o.addProperty("stderr", read(log.stderr()));
                    cli.out.println(JsonViews.GSON.toJson(o));
                    return 0;
                }
                if (!stderrOnly) {
                    section("stdout", log.stdout(), log.attempt(), !stdoutOnly);
                }
                if (!stdoutOnly) {
                    section("stderr", log.stderr(), log.attempt(), !stderrOnly);
                }
                return 0;
            }
        }

        private void section(String name, Path file, int n, boolean header) throws IOException {
            if (header) {
                cli.out.println("==> " + name + " of task " + taskId + ", attempt " + n + " (" + file + ") <==");
            }
            if (Files.exists(file)) {
                cli.out.flush();
                try (InputStream in = Files.newInputStream(file)) {
                    cli.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            cli.out.flush();
        }

        private static String read(Path file) throws IOException {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
    }

}

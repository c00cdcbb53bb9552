package io.batchrender.cli;

import io.batchrender.farm.TemplateRunner;
import io.batchrender.submit.TemplateSession;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.batchrender.farm.JobInfo;
import io.batchrender.json.JsonViews;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.Template;
import io.batchrender.templates.TemplateParameter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Run job and pool templates (the Batch templates format of the Azure Batch CLI extensions) on either farm.",
        subcommands = {TemplateCommand.Run.class, TemplateCommand.Pool.class, TemplateCommand.Params.class,
                TemplateCommand.ListShipped.class})
final class TemplateCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Expand a job template and submit the job (or print it with --dry-run).",
            footer = {"", "Examples:",
                    "  batchrender template run blender-cycles-linux --param inputData=shot010 \\",
                    "      --param sceneFile=proj/shot010.blend --param frameEnd=48 --param outputs=renders --wait",
                    "  batchrender template run job.json --parameters job.parameters.json --farm azure --dry-run"})
    static final class Run implements Callable<Integer> {
        private final Cli cli;

        @Mixin
        TemplateInput input = new TemplateInput();

        @Mixin
        FarmOption farmOption = new FarmOption();

        @Option(names = "--dry-run", description = "Print the expanded job and its tasks as JSON; submit nothing.")
        boolean dryRun;

        @Option(names = "--wait", description = "Show progress until the job ends; exit 0 only when every task succeeded.")
        boolean waitForJob;

        @Option(names = "--json", description = "Print {\"jobId\": ...} (with --wait: the finished job).")
        boolean json;

        Run(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Template template = input.load(true);
            template.notes(input.values()).forEach(n -> cli.err.println(n.startsWith("warning:") ? n : "note: " + n));
            try (TemplateSession farm = cli.submitService().templates(farmOption.name)) {
                ExpandedJob job = farm.expand(template, input.values());
                if (dryRun) {
                    JsonObject o = new JsonObject();
                    o.add("job", job.job());
                    JsonArray tasks = new JsonArray();
                    for (int i = 0; i < job.taskCount(); i++) {
                        tasks.add(job.task(i));
                    }
                    o.add("tasks", tasks);
                    cli.out.println(JsonViews.GSON.toJson(o));
                    return 0;
                }
                TemplateRunner.Submitted submitted = farm.submit(job);
                submitted.notes().forEach(n -> cli.err.println(n.startsWith("warning:") ? n : "note: " + n));
                String follow = "batchrender job show " + submitted.id() + farmFlag(farm);
                if (!waitForJob) {
                    if (json) {
                        JsonObject o = new JsonObject();
                        o.addProperty("jobId", submitted.id());
                        cli.out.println(JsonViews.GSON.toJson(o));
                    } else {
                        cli.out.println(submitted.id());
                        cli.err.println("Submitted " + job.taskCount() + " task(s). Follow it with: " + follow
                                + "; bring its outputs here as they finish with: batchrender watch " + submitted.id()
                                + " --to DIR" + farmFlag(farm));
                    }
                    return 0;
                }
                if (!json) {
                    cli.out.println(submitted.id());
                    cli.err.println("Running " + job.taskCount() + " task(s) (Ctrl-C stops watching; the job keeps running)");
                }
                JobInfo done = new JobWaiter(farm.farm(), cli.err, !json).await(submitted.id());
                if (json) {
                    // every task, a page at a time as it is read: a 100,000-task job is never held whole
                    io.batchrender.json.JobTasksJson.write(cli.out, done, n -> farm.farm().tasks(done.id(),
                            new io.batchrender.farm.TaskQuery(n, io.batchrender.json.JobTasksJson.PAGE_SIZE,
                                    java.util.Optional.empty())));
                } else if (done.succeeded()) {
                    cli.err.println("Done: " + done.counts().succeeded() + " task(s) succeeded.");
                } else {
                    cli.err.println("Finished with " + done.counts().failed() + " failed task(s) of " + done.counts().total()
                            + ": see '" + follow + "'");
                }
                return done.succeeded() ? 0 : Main.EXIT_FAILED;
            }
        }
    }

    @Command(name = "pool", mixinStandardHelpOptions = true,
            description = "Expand a pool template and create the pool on Azure Batch (or print it with --dry-run).")
    static final class Pool implements Callable<Integer> {
        private final Cli cli;

        @Mixin
        TemplateInput input = new TemplateInput();

        @Mixin
        FarmOption farmOption = new FarmOption();

        @Option(names = "--dry-run", description = "Print the expanded pool as JSON; create nothing.")
        boolean dryRun;

        Pool(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Template template = input.load(false);
            template.notes(input.values()).forEach(n -> cli.err.println(n.startsWith("warning:") ? n : "note: " + n));
            ExpandedPool pool = io.batchrender.templates.PoolTemplates.expand(template, input.values());
            if (dryRun) {
                cli.out.println(JsonViews.GSON.toJson(pool.pool()));
                return 0;
            }
            try (TemplateSession farm = cli.submitService().templates(farmOption.name)) {
                TemplateRunner.Submitted created = farm.createPool(pool);
                created.notes().forEach(n -> cli.err.println("note: " + n));
                cli.out.println(created.id());
                return 0;
            }
        }
    }

    @Command(name = "params", mixinStandardHelpOptions = true,
            description = "List a template's parameters: type, default, allowed values, description.")
    static final class Params implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Parameters(paramLabel = "TEMPLATE",
                description = "A template file, or the name of a shipped one (see 'batchrender template list').")
        String template;

        @Option(names = "--json", description = "Print the parameters as JSON.")
        boolean json;

        Params(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Template t = ShippedTemplates.load(template, null);
            List<TemplateParameter> params = t.parameters();
            if (json) {
                JsonArray a = new JsonArray();
                for (TemplateParameter p : params) {
                    a.add(TemplateViews.parameter(p));
                }
                cli.out.println(JsonViews.GSON.toJson(a));
                return 0;
            }
            t.description().ifPresent(cli.out::println);
            cli.out.print(TemplateViews.parameterTable(params));
            cli.out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the templates shipped with batchrender.")
    static final class ListShipped implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        ListShipped(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<ShippedTemplates.Entry> entries = ShippedTemplates.index();
            if (json) {
                cli.out.println(JsonViews.GSON.toJson(ShippedTemplates.indexJson()));
                return 0;
            }
            int w = entries.stream().mapToInt(e -> e.id().length()).max().orElse(2);
            for (ShippedTemplates.Entry e : entries) {
                cli.out.println(String.format("%-" + w + "s  %s", e.id(), e.name()));
            }
            cli.out.println();
            cli.out.println("Pools: " + String.join(", ", ShippedTemplates.pools()));
            return 0;
        }
    }

    /** What to add to a follow-up command for this farm. */
    private static String farmFlag(TemplateSession farm) {
        return farm.farmName().equals(io.batchrender.farm.Farms.LOCAL) ? "" : " --farm " + farm.farmName();
    }
}

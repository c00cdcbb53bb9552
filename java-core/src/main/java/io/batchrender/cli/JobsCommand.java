package io.batchrender.cli;

import io.batchrender.json.JsonViews;
import com.google.gson.JsonArray;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.RenderFarm;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the jobs, oldest first.")
final class JobsCommand implements Callable<Integer> {

    private final Cli cli;

    @picocli.CommandLine.Mixin
    FarmOption farmOption = new FarmOption();

    @Option(names = "--json", description = "Print the jobs as a JSON array.")
    boolean json;

    JobsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try (RenderFarm farm = cli.farm(farmOption.name)) {
            List<JobInfo> jobs = farm.jobs();
            if (json) {
                JsonArray arr = new JsonArray();
                jobs.forEach(j -> arr.add(JsonViews.job(j)));
                cli.out.println(JsonViews.GSON.toJson(arr));
                return 0;
            }
            if (jobs.isEmpty()) {
                cli.err.println("No jobs yet: submit one with 'batchrender submit SCENE --frames 1-10'.");
                return 0;
            }
            cli.out.printf("%-48s %-22s %-30s %s%n", "ID", "STATE", "TASKS", "CREATED");
            for (JobInfo j : jobs) {
                cli.out.printf("%-48s %-22s %-30s %s%n", j.id(), j.blocked().isPresent() ? "blocked" : TextViews.state(j),
                        TextViews.progress(j.counts()), TextViews.time(j.created()));
            }
            jobs.stream().filter(j -> j.blocked().isPresent()).forEach(j -> cli.err.println(j.id() + ": " + j.blocked().get()));
            return 0;
        }
    }
}

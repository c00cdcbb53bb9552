package io.batchrender.cli;

import com.google.gson.JsonArray;
import io.batchrender.json.JsonViews;
import io.batchrender.watch.WatchState;
import io.batchrender.watch.WatcherInfo;
import io.batchrender.watch.Watchers;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "watchers", mixinStandardHelpOptions = true,
        description = "List the output watchers, running and finished, most recent first.")
final class WatchersCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--json", description = "Print the watchers as a JSON array.")
    boolean json;

    WatchersCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<WatcherInfo> all = new Watchers(cli.home, cli.env, Clock.systemUTC()).list(json);
        if (json) {
            JsonArray arr = new JsonArray();
            all.forEach(w -> arr.add(w.toJson(true)));
            cli.out.println(JsonViews.GSON.toJson(arr));
            return 0;
        }
        if (all.isEmpty()) {
            cli.err.println("No watchers yet: start one with 'batchrender watch JOB --to DIR'.");
            return 0;
        }
        cli.out.printf("%-48s %-12s %-8s %-7s %s%n", "JOB", "STATUS", "PID", "FILES", "DESTINATION");
        for (WatcherInfo w : all) {
            WatchState s = w.state();
            cli.out.printf("%-48s %-12s %-8d %-7d %s%n", s.jobId(), s.status().wire(), s.pid(), s.filesFetched(),
                    s.destination());
            cli.out.println("    " + s.message());
        }
        return 0;
    }
}

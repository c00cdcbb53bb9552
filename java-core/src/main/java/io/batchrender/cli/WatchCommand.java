package io.batchrender.cli;

import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.json.JsonViews;
import io.batchrender.process.PidLock;
import io.batchrender.watch.Thumbnailer;
import io.batchrender.watch.WatchOptions;
import io.batchrender.watch.WatchPaths;
import io.batchrender.watch.WatchState;
import io.batchrender.watch.WatchStatus;
import io.batchrender.watch.WatchException;
import io.batchrender.watch.Watcher;
import io.batchrender.watch.WatcherInfo;
import io.batchrender.watch.Watchers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Fetch a job's outputs into a folder as its tasks finish, in the background until the job ends.",
            "The watcher runs detached: closing Maya or this terminal does not stop it. Started again after it was"
                    + " killed, it resumes; files already there and intact are not fetched again."},
        footer = {"", "Examples:",
            "  batchrender watch shot-20261127-143015-3fa2 --to ~/renders/shot",
            "  batchrender watchers",
            "  batchrender watch --stop shot-20261127-143015-3fa2"})
final class WatchCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job's id (see 'batchrender jobs').")
    String jobId;

    @picocli.CommandLine.Mixin
    FarmOption farmOption = new FarmOption();

    @Option(names = "--to", paramLabel = "DIR", description = "Where the outputs go.")
    Path to;

    @Option(names = "--stop", description = "Stop the job's watcher (it can be started again and resumes).")
    boolean stop;

    @Option(names = "--limit-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Download at most this many bytes per second: 500k, 20M; 0: no limit (default).")
    String limitRate;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "2",
            description = "How often to ask the farm for finished tasks (default: ${DEFAULT-VALUE} s).")
    double pollSeconds;

    @Option(names = "--foreground", description = "Run here instead of in the background (the background watcher runs this way).")
    boolean foreground;

    @Option(names = "--json", description = "Print the watcher as JSON.")
    boolean json;

    WatchCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            WatchPaths.requireSafeId(jobId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Watchers watchers = new Watchers(cli.home, cli.env, Clock.systemUTC());
        if (stop) {
            boolean ran = watchers.stop(jobId);
            cli.err.println(ran ? "Stopped the watcher of " + jobId + "; start it again to resume."
                    : "No watcher runs for " + jobId + ".");
            return 0;
        }
        if (to == null) {
            throw new UsageException("Say where the outputs go: batchrender watch " + jobId + " --to DIR.");
        }
        WatchOptions options = options();
        try (RenderFarm farm = cli.farm(farmOption.name)) {
            farm.job(jobId).orElseThrow(() -> new UsageException("No job '" + jobId + "' on "
                    + ("local".equals(farmOption.name) ? "this workstation: list them with 'batchrender jobs' (an Azure job needs --farm azure)."
                    : "the " + farmOption.name + " farm: list them with 'batchrender jobs --farm " + farmOption.name + "'.")));
            if (foreground) {
                return runHere(farm, options);
            }
            WatcherInfo w = watchers.start(jobId, to, options, farmOption.name);
            if (json) {
                cli.out.println(JsonViews.GSON.toJson(w.toJson(false)));
            } else {
                cli.out.println(w.state().pid());
                cli.err.println("Watching " + jobId + " into " + w.state().destination() + " (pid " + w.state().pid()
                        + "); see it with 'batchrender watchers', log " + w.log() + ".");
            }
            return 0;
        } catch (WatchException | UnknownJobException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private WatchOptions options() {
        try {
            if (!(pollSeconds > 0) || pollSeconds > 3600) {
                throw new IllegalArgumentException("--poll takes seconds between 0 and 3600, e.g. 2 or 0.5.");
            }
            return new WatchOptions(Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000))),
                    WatchOptions.parseRate(limitRate), WatchOptions.DEFAULT.attempts());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int runHere(RenderFarm farm, WatchOptions options) throws IOException, InterruptedException {
        WatchPaths paths = new WatchPaths(cli.home, jobId);
        LogFiles.configure(cli.home, paths.logName());
        java.nio.file.Files.createDirectories(paths.dir());
        Optional<PidLock> lock = PidLock.tryAcquire(paths.lock());
        if (lock.isEmpty()) {
            throw new UsageException("A watcher already runs for " + jobId + " (pid "
                    + PidLock.holderPid(paths.lock()).map(String::valueOf).orElse("?") + "): see 'batchrender watchers'.");
        }
        PidLock held = lock.get();
        try {
            Watcher watcher = new Watcher(jobId, to, farm, farm.outputs(cli.env), paths,
                    Thumbnailer.standard(cli.env), options, Clock.systemUTC());
            WatchState end = watcher.run();
            cli.err.println(end.message());
            return end.status() == WatchStatus.FAILED ? Main.EXIT_FAILED : 0;
        } finally {
            held.close();
        }
    }
}

package io.batchrender.cli;

import io.batchrender.farm.LocalAgent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Start the render agent for this state folder if none runs (submit starts it by itself).",
            "It runs the tasks and exits after it has been idle a while."})
final class AgentCommand implements Callable<Integer> {

    /** How long an agent with nothing to do waits before it exits, unless told otherwise. */
    static final Duration DEFAULT_IDLE_EXIT = Duration.ofMinutes(5);
    static final String IDLE_ENV = "BATCHRENDER_AGENT_IDLE_SECONDS";

    private final Cli cli;

    @Option(names = "--foreground", description = "Run the agent in this process instead of in the background.")
    boolean foreground;

    @Option(names = "--idle-exit", paramLabel = "DURATION", converter = DurationParser.class,
            description = "Exit after this long with nothing to do (default: 5m, or $" + IDLE_ENV + " seconds).")
    Duration idleExit;

    @Option(names = "--status", description = "Say whether an agent runs, and its pid.")
    boolean status;

    @Option(names = "--stop", description = "Stop the running agent; its running tasks go back to the queue.")
    boolean stop;

    AgentCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        LocalAgent launcher = cli.farms.localAgent();
        if (status) {
            Optional<Long> pid = launcher.runningPid();
            cli.out.println(pid.map(p -> "running, pid " + p).orElse("not running"));
            return 0;
        }
        if (stop) {
            return stopAgent(launcher);
        }
        if (!foreground) {
            launcher.ensureRunning();
            cli.err.println("Agent running, pid " + launcher.runningPid().map(String::valueOf).orElse("?"));
            return 0;
        }
        launcher.runHere(idleExit(idleExit, cli.env));
        return 0;
    }

    /** {@code --idle-exit} when given, else {@code $BATCHRENDER_AGENT_IDLE_SECONDS}, else 5 minutes. */
    static Duration idleExit(Duration option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String seconds = env.get(IDLE_ENV);
        if (seconds != null && seconds.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(seconds));
        }
        return DEFAULT_IDLE_EXIT;
    }

    private int stopAgent(LocalAgent launcher) throws InterruptedException {
        Optional<Long> pid = launcher.runningPid();
        if (pid.isEmpty()) {
            cli.err.println("No agent runs for " + cli.home.dir());
            return 0;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        handle.ifPresent(ProcessHandle::destroy);
        for (int i = 0; i < 300 && launcher.isRunning(); i++) {
            Thread.sleep(100);
        }
        if (launcher.isRunning()) {
            throw new UsageException("The agent (pid " + pid.get() + ") did not stop within 30 s: kill it with 'kill " + pid.get() + "'.");
        }
        cli.err.println("Agent stopped; its running tasks went back to the queue.");
        return 0;
    }
}

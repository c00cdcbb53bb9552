package io.batchrender.cli;

import io.batchrender.farm.RenderFarm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pool", mixinStandardHelpOptions = true, description = "Change a pool.",
        subcommands = {PoolCommand.Resize.class})
final class PoolCommand implements Runnable {

    @Override
    public void run() {
        throw new UsageException("Say what to do with the pool: batchrender pool resize local N");
    }

    @Command(name = "resize", mixinStandardHelpOptions = true,
            description = {"Set how many tasks the pool runs at once.",
                "0 pauses it. Running tasks beyond the new size stop and go back to the queue (requeue, the"
                        + " default: the machine is free at once), or finish first (--deallocation taskcompletion)."})
    static final class Resize implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "POOL")
        String pool;

        @Parameters(index = "1", paramLabel = "SLOTS")
        int slots;

        @picocli.CommandLine.Option(names = "--deallocation", paramLabel = "requeue|taskcompletion",
                defaultValue = "requeue", description = "What happens to running tasks beyond the new size (default: ${DEFAULT-VALUE}).")
        String deallocation;

        Resize(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (RenderFarm farm = cli.farm()) {
                farm.resize(pool, slots, io.batchrender.farm.ShrinkPolicy.fromWire(deallocation));
                cli.err.println(slots == 0 ? "Pool " + pool + " paused." : "Pool " + pool + " runs " + slots + " task(s) at once.");
                return 0;
            }
        }
    }
}

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
                "0 pauses it: running tasks stop and go back to the queue, to start again when it grows."})
    static final class Resize implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "POOL")
        String pool;

        @Parameters(index = "1", paramLabel = "SLOTS")
        int slots;

        Resize(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (RenderFarm farm = cli.farm()) {
                farm.resize(pool, slots);
                cli.err.println(slots == 0 ? "Pool " + pool + " paused." : "Pool " + pool + " runs " + slots + " task(s) at once.");
                return 0;
            }
        }
    }
}

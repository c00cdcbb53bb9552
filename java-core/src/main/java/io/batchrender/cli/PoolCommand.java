package io.batchrender.cli;

import io.batchrender.farm.NodePools;
import io.batchrender.farm.RenderFarm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pool", mixinStandardHelpOptions = true, description = "Change a pool.",
        subcommands = {PoolCommand.Resize.class, PoolCommand.Create.class, PoolCommand.Delete.class})
final class PoolCommand implements Runnable {

    @Override
    public void run() {
        throw new UsageException("Say what to do with the pool: batchrender pool resize|create|delete ...");
    }

    @Command(name = "resize", mixinStandardHelpOptions = true,
            description = {"Set how many tasks the pool runs at once.",
                "0 pauses it. Running tasks beyond the new size stop and go back to the queue (requeue, the"
                        + " default: the machine is free at once), or finish first (--deallocation taskcompletion)."})
    static final class Resize implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

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
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                String first = farm.resize(pool, slots, io.batchrender.farm.ShrinkPolicy.fromWire(deallocation));
                if (!first.isEmpty()) {
                    cli.err.println(first);
                }
                cli.err.println(slots == 0 ? "Pool " + pool + " paused." : "Pool " + pool + " runs " + slots + " task(s) at once.");
                return 0;
            }
        }
    }

    /** The pools of nodes of the farm {@code --farm} names; {@code what} needs them, which the local farm has not. */
    static NodePools nodePools(RenderFarm farm, String what) {
        return farm.nodePools().orElseThrow(() -> new UsageException(
                "This workstation has one pool, 'local': " + what + " needs --farm azure."));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a persistent Azure Batch pool (with --farm azure).",
                "Nodes boot Ubuntu 22.04 with Blender installed by the start task, or --image, a Compute Gallery image with"
                        + " your renderers. Licenses: bring your own server (submit --license)."})
    static final class Create implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @picocli.CommandLine.Mixin
        AzurePoolOptions options = new AzurePoolOptions();

        @Parameters(index = "0", paramLabel = "POOL")
        String pool;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            var spec = options.spec(pool);
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                nodePools(farm, "pool create").createPool(spec);
                cli.out.println(pool);
                cli.err.println("Pool " + pool + " is being created: follow it with 'batchrender pools --farm azure'.");
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an Azure Batch pool (with --farm azure).")
    static final class Delete implements Callable<Integer> {
        private final Cli cli;

        @picocli.CommandLine.Mixin
        FarmOption farmOption = new FarmOption();

        @Parameters(index = "0", paramLabel = "POOL")
        String pool;

        @picocli.CommandLine.Option(names = "--wait", description = "Return only when the pool is gone, so that a pool of"
                + " the same name can be created next (Batch first removes the nodes: minutes for a big pool).")
        boolean waitForIt;

        Delete(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (RenderFarm farm = cli.farm(farmOption.name)) {
                NodePools pools = nodePools(farm, "pool delete");
                pools.deletePool(pool);
                cli.err.println("Pool " + pool + " is being deleted; running tasks on it go back to their jobs' queues.");
                if (waitForIt) {
                    pools.awaitPoolGone(pool, java.time.Duration.ofMinutes(30));
                    cli.err.println("Pool " + pool + " is deleted.");
                }
                return 0;
            }
        }
    }
}

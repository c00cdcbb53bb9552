package io.batchrender.cli;

import io.batchrender.json.JsonViews;
import com.google.gson.JsonArray;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.RenderFarm;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pools", mixinStandardHelpOptions = true,
        description = "List the pools. On this workstation there is one, 'local'; its slots are tasks at once. With --farm"
                + " azure: the Batch account's pools, their VM size and nodes (now/target).")
final class PoolsCommand implements Callable<Integer> {

    private final Cli cli;

    @picocli.CommandLine.Mixin
    FarmOption farmOption = new FarmOption();

    @Option(names = "--json", description = "Print the pools as a JSON array.")
    boolean json;

    PoolsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try (RenderFarm farm = cli.farm(farmOption.name)) {
            List<PoolInfo> pools = farm.pools();
            if (json) {
                JsonArray arr = new JsonArray();
                pools.forEach(p -> arr.add(JsonViews.pool(p)));
                cli.out.println(JsonViews.GSON.toJson(arr));
                return 0;
            }
            cli.out.printf("%-10s %-6s %-8s %-10s %-18s %-12s %s%n", "POOL", "SLOTS", "RUNNING", "STATE", "VM SIZE",
                    "DEDICATED", "SPOT");
            for (PoolInfo p : pools) {
                cli.out.printf("%-10s %-6d %-8d %-10s %-18s %-12s %s%n", p.id(), p.targetSlots(), p.runningTasks(), p.state(),
                        p.vmSize(), p.currentDedicatedNodes() + "/" + p.targetDedicatedNodes(),
                        p.currentSpotNodes() + "/" + p.targetSpotNodes());
            }
            return 0;
        }
    }
}

package io.batchrender.cli;

import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.local.AgentLauncher;
import io.batchrender.farm.local.LocalFarm;
import io.batchrender.settings.StateHome;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** What every command shares: the environment, the state folder, the output streams, the farm. */
final class Cli {

    final Map<String, String> env;
    final StateHome home;
    final PrintWriter out;
    final PrintWriter err;

    Cli(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = Map.copyOf(env);
        this.home = StateHome.fromEnvironment(env);
        this.out = out;
        this.err = err;
    }

    AgentLauncher agents() {
        return new AgentLauncher(home, env);
    }

    RenderFarm farm() {
        return new LocalFarm(home, agents(), Clock.systemUTC());
    }

    /** The farm {@code --farm} names: {@code local} or {@code azure} (account from the environment). */
    RenderFarm farm(String name) {
        return switch (name) {
            case "local" -> farm();
            case "azure" -> io.batchrender.farm.azure.AzureFarm.fromEnvironment(
                    io.batchrender.settings.BatchSettings.load(home).under(env), home); // the panel saves batch.json
            default -> throw new UsageException("--farm " + name + " is not a farm: use local or azure.");
        };
    }
}

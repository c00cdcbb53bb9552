package io.batchrender.cli;

import io.batchrender.farm.Farms;
import io.batchrender.farm.RenderFarm;
import io.batchrender.settings.StateHome;
import io.batchrender.submit.SubmitService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** What every command shares: the environment, the state folder, the output streams, the farms. */
final class Cli {

    final Map<String, String> env;
    final StateHome home;
    final PrintWriter out;
    final PrintWriter err;
    final Farms farms;

    Cli(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = Map.copyOf(env);
        this.home = StateHome.fromEnvironment(env);
        this.out = out;
        this.err = err;
        this.farms = new Farms(home, this.env);
    }

    /** This workstation's farm. */
    RenderFarm farm() {
        return farms.local();
    }

    /** The farm {@code --farm} names: {@code local} or {@code azure} (account from the environment or batch.json). */
    RenderFarm farm(String name) {
        return farms.open(name);
    }

    /** The submit service, relative paths taken from the current directory. */
    SubmitService submitService() {
        return new SubmitService(farms, home, env, Path.of("").toAbsolutePath());
    }
}

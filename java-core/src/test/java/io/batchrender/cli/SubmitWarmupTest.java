package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.RenderFarm;
import io.batchrender.settings.StateHome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's warm-up of the submit path stores no job and starts no agent: it only loads what a submit runs. */
class SubmitWarmupTest {

    @Test
    void itOpensTheFarmButStoresAndStartsNothing(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(StateHome.ENV, dir.resolve("state").toString());
        Cli cli = new Cli(env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

        SubmitWarmup.run(cli);

        assertTrue(Files.isRegularFile(cli.home.database()), "the farm's database was opened");
        try (RenderFarm farm = cli.farm()) {
            assertEquals(List.of(), farm.jobs());
        }
        assertFalse(cli.farms.localAgent().isRunning());
        Thread.sleep(1500); // an agent started in the background would hold its lock by now
        assertFalse(cli.farms.localAgent().isRunning());
        assertFalse(Files.exists(cli.home.logsDir().resolve("agent.out")), "no agent was started");
    }
}

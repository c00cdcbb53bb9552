package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.farm.local.AgentLauncher;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.SyncResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up's stand-in Blob service answers the SDK well enough for a real upload and re-sync; its local job runs to
 * the end in the warm-up's own process and leaves no agent behind.
 */
class WarmupCommandTest {

    @Test
    void theWarmUpSyncUploadsTwoFilesThenSkipsThem(@TempDir Path dir) {
        List<SyncResult> results = WarmupCommand.syncTwice(dir);

        assertEquals(2, results.size(), "both syncs ran (a failure is only logged, so this is where it shows)");
        assertEquals(2, results.get(0).uploaded());
        assertEquals(0, results.get(0).skipped());
        assertEquals(0, results.get(1).uploaded());
        assertEquals(2, results.get(1).skipped());
        results.forEach(r -> assertEquals(true, r.complete(), r.toString()));
    }

    @Test
    void theGatewaysWarmUpSyncSendsItsFewHundredFilesThenSkipsThem(@TempDir Path dir) {
        List<SyncResult> results = WarmupCommand.syncTwice(dir, GatewayCommand.UPLOAD_WARMUP_FILES);

        assertEquals(2, results.size());
        assertEquals(GatewayCommand.UPLOAD_WARMUP_FILES, results.get(0).uploaded());
        assertEquals(GatewayCommand.UPLOAD_WARMUP_FILES, results.get(1).skipped());
    }

    @Test
    void theWarmUpLocalJobRunsInThisProcessAndLeavesNoAgent(@TempDir Path dir) {
        Path home = dir.resolve("home");
        WarmupCommand.localFarmOnce(home);

        java.io.StringWriter out = new java.io.StringWriter();
        int code = Main.run(new String[] {"jobs", "--json"}, java.util.Map.of(StateHome.ENV, home.toString()),
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(0, code);
        com.google.gson.JsonArray jobs = com.google.gson.JsonParser.parseString(out.toString()).getAsJsonArray();
        assertEquals(1, jobs.size(), out.toString());
        com.google.gson.JsonObject job = jobs.get(0).getAsJsonObject();
        assertEquals("completed", job.get("state").getAsString(), out.toString());
        assertEquals(false, java.nio.file.Files.exists(home.resolve("logs").resolve("agent.out")),
                "no agent was started in the background (its output file is made as it starts)");
        assertEquals(false, new AgentLauncher(new StateHome(home), java.util.Map.of()).isRunning(), "no agent left running");
    }
}

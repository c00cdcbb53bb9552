package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent started early by a submit is the one the submit then waits for: one agent start, not two; and one that
 * came and went before the submit waited for it (the gateway lives on between submits) is not waited for.
 */
class AgentLauncherTest {

    @Test
    void anEarlyStartIsTheAgentTheSubmitUses(@TempDir Path dir) throws Exception {
        try (FarmFixture f = new FarmFixture(dir)) {
            f.agents.startSoon();
            f.agents.startSoon(); // a second call while it starts starts nothing more
            JobInfo job = f.submitCommand("true", "1", 0, Optional.empty());
            assertEquals("completed", f.awaitCompleted(job.id(), Duration.ofSeconds(30)).state().wire());

            Thread.sleep(3000); // a second agent would give up on the held lock within 2 s (Agent.acquire) and say so
            List<String> log = Files.readAllLines(f.home.logsDir().resolve("agent.log"));
            assertEquals(1, log.stream().filter(l -> l.contains(" started for ")).count(), String.join("\n", log));
            assertEquals(0, log.stream().filter(l -> l.contains("another agent holds")).count(), String.join("\n", log));
        }
    }

    /**
     * The gateway lives for a Maya session: an agent started early for a submit may have found no work and reached its
     * idle exit before the submit waits for it. The submit then starts another at once instead of waiting 20 s for
     * the gone one and failing ("did not start within 20 s").
     */
    @Test
    void anEarlyAgentThatCameAndWentIsReplacedNotWaitedFor(@TempDir Path dir) throws Exception {
        try (FarmFixture f = new FarmFixture(dir, Map.of("BATCHRENDER_AGENT_IDLE_SECONDS", "0"))) {
            f.agents.startSoon();
            Path log = f.home.logsDir().resolve("agent.log");
            FarmFixture.await(Duration.ofSeconds(30), () -> lines(log).stream().anyMatch(l -> l.endsWith(" stopped")),
                    "the early agent to find no work and exit");

            long t0 = System.nanoTime();
            JobInfo job = f.submitCommand("true", "1", 0, Optional.empty());
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMs < 10_000, "the submit waited " + tookMs + " ms for the agent");
            assertEquals("completed", f.awaitCompleted(job.id(), Duration.ofSeconds(30)).state().wire());
            assertEquals(2, lines(log).stream().filter(l -> l.contains(" started for ")).count(), String.join("\n", lines(log)));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}

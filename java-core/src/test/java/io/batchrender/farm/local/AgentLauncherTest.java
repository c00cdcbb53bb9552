package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.farm.JobInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent started early by a submit is the one the submit then waits for: one agent start, not two. */
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
}

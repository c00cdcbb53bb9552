package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.settings.StateHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submitter wakes the running agent through the state folder's socket instead of waiting for its next poll. */
class AgentWakeUpTest {

    @Test
    void aConnectionWakesTheListenerAndClosingRemovesTheSocket(@TempDir Path dir) throws Exception {
        StateHome home = new StateHome(dir);
        Files.writeString(AgentWakeUp.socket(home), "left by a dead agent");
        CountDownLatch woken = new CountDownLatch(2);

        AgentWakeUp listener = AgentWakeUp.listen(home, woken::countDown).orElseThrow();
        AgentWakeUp.wake(home);
        AgentWakeUp.wake(home);

        assertTrue(woken.await(5, TimeUnit.SECONDS), "two wake-ups, two calls");
        listener.close();
        assertFalse(Files.exists(AgentWakeUp.socket(home)));
        AgentWakeUp.wake(home); // nobody listens: nothing happens, nothing is thrown
    }

    @Test
    void theRunningAgentListensAndIsWokenBySubmit(@TempDir Path dir) throws Exception {
        try (FarmFixture f = new FarmFixture(dir)) {
            JobInfo first = f.submitCommand("true", "1", 0, Optional.empty());
            f.awaitCompleted(first.id(), Duration.ofSeconds(30));
            assertTrue(Files.exists(AgentWakeUp.socket(f.home)), "the agent listens while it runs");

            JobInfo second = f.submitCommand("true", "1", 0, Optional.empty());
            assertEquals("completed", f.awaitCompleted(second.id(), Duration.ofSeconds(30)).state().wire());
        }
        assertFalse(Files.exists(AgentWakeUp.socket(new StateHome(dir.resolve("state")))),
                "a stopped agent leaves no socket behind");
    }
}

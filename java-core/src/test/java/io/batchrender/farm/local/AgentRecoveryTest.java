package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What happens to a job when its agent dies, is stopped, or the process that submitted it exits. */
class AgentRecoveryTest extends TwoSlotFarmTest {

    @Test
    void anAgentKilledMidJobIsReplacedAndEveryFrameIsRenderedAndReportedOnce() {
        Path pids = tmp.resolve("pids");
        JobInfo job = f.submitCommand("sh -c 'echo $$ >> " + pids + "; sleep 1.5; echo {frame} > {output}/f{frame:2}.txt'",
                "1-8", 0, Optional.empty());
        FarmFixture.await(Duration.ofSeconds(20), () -> f.running(job.id()) == 2 && LocalFarmTest.lines(pids).size() >= 2,
                "two tasks running");
        ProcessHandle first = f.agentProcess();

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        FarmFixture.await(Duration.ofSeconds(10), () -> !f.agents.isRunning(), "the dead agent's lock to be released");
        assertEquals(2, f.running(job.id()), "the database still says two tasks run");
        f.agents.ensureRunning();

        JobInfo done = f.awaitCompleted(job.id(), Duration.ofSeconds(60));
        assertNotEquals(first.pid(), f.agents.runningPid().orElse(-1L));
        assertTrue(done.succeeded(), "every task succeeded");
        List<TaskInfo> tasks = f.farm.tasks(job.id());
        assertEquals(8, tasks.size());
        List<Integer> frames = new ArrayList<>();
        for (TaskInfo t : tasks) {
            assertEquals(Optional.of(TaskResult.SUCCESS), t.result());
            frames.addAll(t.frames());
        }
        assertEquals(IntStream.rangeClosed(1, 8).boxed().toList(), frames, "each frame reported once");
        assertEquals(2, tasks.stream().mapToInt(TaskInfo::requeueCount).sum(), "the two interrupted tasks were run again");
        assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> String.format("f%02d.txt", i)).toList(),
                LocalFarmTest.listNames(done.outputDir()));
        for (String pid : LocalFarmTest.lines(pids)) {
            assertFalse(ProcessHandle.of(Long.parseLong(pid)).map(ProcessTree::alive).orElse(false),
                    "process " + pid + " of the dead agent was left running");
        }
    }

    @Test
    void aStoppedAgentPutsItsRunningTasksBackAndTheNextOneFinishesThem() {
        JobInfo job = f.submitCommand("sleep 2", "1-4", 0, Optional.empty());
        FarmFixture.await(Duration.ofSeconds(20), () -> f.running(job.id()) == 2, "two tasks running");
        ProcessHandle agent = f.agentProcess();

        agent.destroy(); // SIGTERM: the agent requeues what it runs, then exits
        FarmFixture.await(Duration.ofSeconds(20), () -> !f.agents.isRunning(), "the agent to stop");

        assertEquals(0, f.running(job.id()));
        assertEquals(0, f.job(job.id()).counts().failed());
        f.agents.ensureRunning();
        assertTrue(f.awaitCompleted(job.id(), Duration.ofSeconds(60)).succeeded());
    }

    @Test
    void theAgentKeepsRenderingAfterTheSubmittingProcessExits() throws Exception {
        // Submit from a separate JVM, as the CLI does, and let that JVM exit at once.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.batchrender.cli.Main",
                "submit", "--command", "sleep 1", "--frames", "1-4", "--json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().putAll(f.env);
        Process submitter = pb.start();
        String out = new String(submitter.getInputStream().readAllBytes());
        assertEquals(0, submitter.waitFor());
        String jobId = com.google.gson.JsonParser.parseString(out).getAsJsonObject().get("jobId").getAsString();

        assertTrue(f.agents.isRunning());
        assertTrue(f.awaitCompleted(jobId, Duration.ofSeconds(60)).succeeded());
    }

    @Test
    void anIdleAgentExitsByItself() throws Exception {
        try (FarmFixture quick = new FarmFixture(tmp.resolve("quick"), java.util.Map.of("BATCHRENDER_AGENT_IDLE_SECONDS", "1"))) {
            JobInfo job = quick.submitCommand("true", "1", 0, Optional.empty());
            quick.awaitCompleted(job.id(), Duration.ofSeconds(20));
            FarmFixture.await(Duration.ofSeconds(15), () -> !quick.agents.isRunning(), "the idle agent to exit");
        }
    }
}

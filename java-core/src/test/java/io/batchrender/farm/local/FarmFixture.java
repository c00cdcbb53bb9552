package io.batchrender.farm.local;

import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.fail;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskState;
import io.batchrender.settings.StateHome;

import io.batchrender.compile.SubmitRequest;
import io.batchrender.render.CommandLineSplitter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A local farm in its own state folder, whose agent is a real detached JVM started from the test
 * class path. Closing it stops the agent and any task process left behind.
 */
final class FarmFixture implements AutoCloseable {

    final StateHome home;
    final Map<String, String> env;
    final AgentLauncher agents;
    final LocalFarm farm;

    FarmFixture(Path dir) {
        this(dir, Map.of());
    }

    FarmFixture(Path dir, Map<String, String> extraEnv) {
        home = new StateHome(dir.resolve("state"));
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put(StateHome.ENV, home.dir().toString());
        e.put("BATCHRENDER_AGENT_IDLE_SECONDS", "20");
        e.putAll(extraEnv);
        env = Map.copyOf(e);
        agents = new AgentLauncher(home, env);
        farm = new LocalFarm(home, agents, Clock.systemUTC());
    }

    /** Submits a command sweep: {@code command} split like a shell would, never run through one. */
    JobInfo submitCommand(String command, String frames, int retries, Optional<Duration> timeout) {
        return farm.submit(SceneCompiler.compile(new SubmitRequest(Optional.empty(),
                Optional.of(CommandLineSplitter.split(command)), Optional.empty(), frames, 1, Optional.empty(),
                Optional.empty(), retries, timeout))).job();
    }

    JobInfo job(String id) {
        return farm.job(id).orElseThrow();
    }

    TaskInfo task(String jobId, String taskId) {
        return farm.tasks(jobId).stream().filter(t -> t.id().equals(taskId)).findFirst().orElseThrow();
    }

    long running(String jobId) {
        return farm.tasks(jobId).stream().filter(t -> t.state() == TaskState.RUNNING).count();
    }

    JobInfo awaitCompleted(String jobId, Duration limit) {
        try {
            await(limit, () -> job(jobId).state() == JobState.COMPLETED, "job " + jobId + " to complete");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(jobId), e);
        }
        return job(jobId);
    }

    /** What the agent and the database say, for a test that timed out. */
    String diagnostics(String jobId) {
        StringBuilder sb = new StringBuilder("agent running: " + agents.runningPid() + "\n");
        farm.tasks(jobId).forEach(t -> sb.append(t).append('\n'));
        try (var files = java.nio.file.Files.list(home.logsDir())) {
            for (Path log : files.filter(p -> !p.toString().endsWith(".lck")).sorted().toList()) {
                sb.append("--- ").append(log.getFileName()).append('\n').append(java.nio.file.Files.readString(log));
            }
        } catch (java.io.IOException e) {
            sb.append("(no logs: ").append(e.getMessage()).append(")");
        }
        return sb.toString();
    }

    static void await(Duration limit, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** The running agent's process. */
    ProcessHandle agentProcess() {
        long pid = agents.runningPid().orElseThrow(() -> new AssertionError("no agent runs"));
        return ProcessHandle.of(pid).orElseThrow();
    }

    @Override
    public void close() {
        agents.runningPid().flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroy();
            awaitExit(p);
        });
        await(Duration.ofSeconds(20), () -> !agents.isRunning(), "the agent to let its lock go");
        for (RunningTaskRow row : runningRows()) {
            ProcessTree.find(row.pid(), row.pidStartMs()).ifPresent(p -> ProcessTree.kill(p, Duration.ofSeconds(1)));
        }
        farm.close();
    }

    /**
     * Waits for a process to end. The agent is not this JVM's child (it is started through
     * {@code setsid --fork}), so onExit() would poll slowly and isAlive() stays true while the
     * dead process waits for init to reap it; {@link ProcessTree#alive} does not.
     */
    static void awaitExit(ProcessHandle p) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessTree.alive(p) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (ProcessTree.alive(p)) {
            p.destroyForcibly();
        }
    }

    private List<RunningTaskRow> runningRows() {
        try (JobDatabase db = JobDatabase.open(home.database())) {
            return db.runningTasks(Optional.empty());
        }
    }
}

package io.batchrender.farm.local;

import io.batchrender.process.DetachedJvm;
import io.batchrender.process.PidLock;
import io.batchrender.farm.FarmException;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the agent as a detached process ({@code batchrender agent --foreground}, through its own entry point, in its own
 * session, stdin closed, output to the state folder's log) when none runs for the state folder.
 * It outlives the process that started it.
 */
public final class AgentLauncher {

    private static final long START_WAIT_MS = 20_000;
    private static final Logger LOG = Logger.getLogger(AgentLauncher.class.getName());

    private final StateHome home;
    private final Map<String, String> env;

    public AgentLauncher(StateHome home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
    }

    public boolean isRunning() {
        return PidLock.isHeld(home.agentLock());
    }

    /** The running agent's pid, if one runs. */
    public Optional<Long> runningPid() {
        return isRunning() ? PidLock.holderPid(home.agentLock()) : Optional.empty();
    }

    /** Starts an agent unless one runs, else wakes it to look for work now; returns once one holds its lock. */
    public void ensureRunning() {
        Started early;
        synchronized (STARTED) { // waits for a start in progress on another thread (the CLI's early start)
            early = STARTED.remove(home.agentLock());
        }
        if (isRunning()) {
            AgentWakeUp.wake(home);
            return;
        }
        try {
            if (early != null && awaitLock(early, true)) {
                AgentWakeUp.wake(home); // it may have looked for work before the caller stored it
                return;
            }
            // none was started early, or that one came and went (it found no work and reached its idle exit)
            awaitLock(launch(), false);
        } catch (IOException e) {
            throw new FarmException("Could not start the render agent (" + e.getMessage()
                    + "): run 'batchrender agent --foreground' to see why.", e);
        }
    }

    /**
     * Starts an agent unless one runs, without waiting for it: {@code submit} calls this before it checks and
     * stores the job, so the agent's JVM starts while the submitting one works; the {@link #ensureRunning} that
     * follows in this process waits for that agent instead of starting another. An agent started for a submit that
     * then fails finds no work and exits after its idle time; a paused pool's submit starts none, as before. A failure
     * to start shows in {@link #ensureRunning}.
     */
    public void startSoon() {
        synchronized (STARTED) { // the CLI's early start and the submit's own may race: one agent start
            startSoonLocked();
        }
    }

    private void startSoonLocked() {
        if (STARTED.containsKey(home.agentLock()) || isRunning()) {
            return;
        }
        try {
            home.ensure();
            try (JobDatabase db = JobDatabase.open(home.database())) {
                if (db.targetSlots(Agent.POOL, LocalFarm.defaultSlots()) == 0) {
                    return; // a paused pool starts no agent
                }
            }
            STARTED.put(home.agentLock(), launch());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not start the agent early; ensureRunning tries again", e);
        }
    }

    /** An agent this process started and has not waited for yet, by lock file: one process, one agent start. */
    private static final Map<Path, Started> STARTED = new ConcurrentHashMap<>();

    private record Started(Process starter, Optional<Long> before, Path out, long launchedMs) {
    }

    private Started launch() throws IOException {
        home.ensure();
        Files.createDirectories(home.logsDir());
        Path out = home.logsDir().resolve("agent.out");
        Map<String, String> agentEnv = new java.util.HashMap<>(env);
        agentEnv.put(StateHome.ENV, home.dir().toString());
        Optional<Long> before = PidLock.holderPid(home.agentLock());
        return new Started(DetachedJvm.start(command(), agentEnv, out), before, out, System.currentTimeMillis());
    }

    /**
     * Waits until a new agent has written its pid into the lock. The process started here may be
     * a short-lived {@code setsid --fork} whose child is the agent: it is not this JVM's child, so
     * this JVM exits at once instead of waiting on it.
     *
     * @param mayHaveGone the agent was started a while ago ({@link #startSoon}, and the gateway lives on between
     *                    submits): when it already took the lock and let it go, or had as long as a start may take and
     *                    none runs, return false instead of waiting for it
     * @return true once an agent holds the lock (or one that was already starting does the work)
     */
    private boolean awaitLock(Started started, boolean mayHaveGone) {
        Process starter = started.starter();
        Optional<Long> before = started.before();
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Long> holder = PidLock.holderPid(home.agentLock());
            boolean newHolder = holder.isPresent() && !holder.equals(before);
            boolean holderAlive = holder.flatMap(ProcessHandle::of).map(ProcessTree::alive).orElse(false);
            if (newHolder && holderAlive) {
                return true;
            }
            if (mayHaveGone && (newHolder || System.currentTimeMillis() - started.launchedMs() > START_WAIT_MS)
                    && !isRunning()) {
                return false; // it held the lock and let it go, or never came: gone
            }
            if (!starter.isAlive() && starter.exitValue() != 0) {
                throw new FarmException("The render agent stopped as it started (exit " + starter.exitValue()
                        + "): see " + started.out() + ".");
            }
            if (!starter.isAlive() && holder.equals(before) && isRunning()) {
                return true; // an agent that was already starting holds the lock and does the work
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        throw new FarmException("The render agent did not start within " + START_WAIT_MS / 1000 + " s: see "
                + started.out() + ".");
    }

    /** The agent's own entry point in the jar ({@code batchrender agent --foreground} without the CLI's parsing). */
    static final String AGENT_MAIN = "io.batchrender.cli.AgentMain";

    /** The command line of a detached agent: this JVM's java and class path, detached as {@link DetachedJvm} says. */
    List<String> command() {
        List<String> jvm = new ArrayList<>(List.of("-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() < 21 && System.getProperty("os.name").startsWith("Linux")) {
            // vfork starts a task ~0.6 ms faster than posix_spawn; later JDKs deprecate it
            jvm.add("-Djdk.lang.Process.launchMechanism=VFORK");
        }
        return DetachedJvm.command(AGENT_MAIN, jvm, List.of());
    }
}

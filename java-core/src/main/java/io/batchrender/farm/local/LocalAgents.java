package io.batchrender.farm.local;

import io.batchrender.farm.LocalAgent;
import io.batchrender.settings.StateHome;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The {@link LocalAgent} of a state folder: {@link AgentLauncher} to start and find it, {@link Agent} to run it here. */
public final class LocalAgents implements LocalAgent {

    private final StateHome home;
    private final Map<String, String> env;
    private final AgentLauncher launcher;

    public LocalAgents(StateHome home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
        this.launcher = new AgentLauncher(home, env);
    }

    @Override
    public Optional<Long> runningPid() {
        return launcher.runningPid();
    }

    @Override
    public boolean isRunning() {
        return launcher.isRunning();
    }

    @Override
    public void ensureRunning() {
        launcher.ensureRunning();
    }

    @Override
    public void startSoon() {
        launcher.startSoon();
    }

    @Override
    public void runQueuedHere() throws Exception {
        AgentWarmup.runQueued(home, env);
    }

    @Override
    public void runHere(Duration idleExit) throws Exception {
        Agent agent = new Agent(home, LocalFarm.defaultSlots(), idleExit, env);
        Thread hook = new Thread(() -> agent.stop(Duration.ofSeconds(20)), "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        agent.run();
    }
}

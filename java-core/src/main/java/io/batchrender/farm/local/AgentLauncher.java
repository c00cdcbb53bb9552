package io.batchrender.farm.local;

import io.batchrender.farm.FarmException;
import io.batchrender.settings.StateHome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the agent as a detached process ({@code batchrender agent --foreground} in its own
 * session, stdin closed, output to the state folder's log) when none runs for the state folder.
 * It outlives the process that started it.
 */
public final class AgentLauncher {

    private static final long START_WAIT_MS = 20_000;

    private final StateHome home;
    private final Map<String, String> env;

    public AgentLauncher(StateHome home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
    }

    public boolean isRunning() {
        return AgentLock.isHeld(home.agentLock());
    }

    /** The running agent's pid, if one runs. */
    public Optional<Long> runningPid() {
        return isRunning() ? AgentLock.holderPid(home.agentLock()) : Optional.empty();
    }

    /** Starts an agent unless one runs; returns once it holds its lock. */
    public void ensureRunning() {
        if (isRunning()) {
            return;
        }
        home.ensure();
        try {
            Files.createDirectories(home.logsDir());
            Path out = home.logsDir().resolve("agent.out");
            ProcessBuilder pb = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put(StateHome.ENV, home.dir().toString());
            Process agent = pb.start();
            awaitLock(agent, out);
        } catch (IOException e) {
            throw new FarmException("Could not start the render agent (" + e.getMessage()
                    + "): run 'batchrender agent --foreground' to see why.", e);
        }
    }

    private void awaitLock(Process agent, Path out) {
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Long> holder = AgentLock.holderPid(home.agentLock());
            if (holder.isPresent() && holder.get() == agent.pid()) {
                return;
            }
            if (!agent.isAlive()) {
                if (agent.exitValue() == 0 && isRunning()) {
                    return; // another agent won the race and does the work
                }
                throw new FarmException("The render agent stopped as it started (exit " + agent.exitValue()
                        + "): see " + out + ".");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new FarmException("The render agent did not start within " + START_WAIT_MS / 1000 + " s: see " + out + ".");
    }

    /** The command line of a detached agent: this JVM's java and class path, in a new session where setsid exists. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString());
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens");
        cmd.add("java.base/java.util=ALL-UNNAMED");
        cmd.add("-Xss1m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.batchrender.cli.Main");
        cmd.add("agent");
        cmd.add("--foreground");
        return cmd;
    }
}

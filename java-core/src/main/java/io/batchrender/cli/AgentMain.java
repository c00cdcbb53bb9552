package io.batchrender.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The detached agent's entry point: what {@code batchrender agent --foreground} runs, without building the CLI's
 * picocli model first. The agent a submit starts is on the artist's clock (issue 18: the first task within 0.5 s of
 * the submit), and picocli's ~175 classes, which the class archive cannot hold (compiled for Java 5), took about
 * 0.1 s of its start. Takes no arguments: the state folder and the idle exit come from the environment
 * ({@code BATCHRENDER_HOME}, {@code BATCHRENDER_AGENT_IDLE_SECONDS}) as for {@code agent --foreground}.
 */
public final class AgentMain {

    private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());

    private AgentMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Cli cli = new Cli(System.getenv(), out, err);
        LogFiles.configure(cli.home, "agent.log");
        int code = 0;
        try {
            cli.farms.localAgent().runHere(AgentCommand.idleExit(null, cli.env));
        } catch (Exception | Error e) {
            LOG.log(Level.SEVERE, "the agent stopped on an error", e);
            err.println("error: " + e + " (details in " + cli.home.logsDir().resolve("agent.log") + ")");
            code = Main.EXIT_FAILED;
        }
        out.flush();
        err.flush();
        NetworkThreads.release();
        System.exit(code);
    }
}

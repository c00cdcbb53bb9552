package io.batchrender.cli;

import java.util.List;

/**
 * The local farm's {@code submit}, seen before picocli builds its model: the render agent's JVM is started at once
 * on a thread of its own, so that it starts beside the submitting JVM's own start-up (0.1-0.2 s of command model,
 * logging and state) rather than after it (issue 18, section 4: a task within 0.5 s of {@code submit}, agent
 * stopped). Only a command line that surely submits to the local farm does this; anything else (another farm, a
 * dry run, help) is left to {@code submit} itself, which starts the agent as before. Starting one that the submit
 * then does not use costs nothing lasting: the agent finds no work and exits after its idle time.
 */
final class EarlyAgentStart {

    private EarlyAgentStart() {
    }

    /** Whether {@code args} (the whole command line) is a submit to the local farm that will run. */
    static boolean wanted(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("submit")) {
            return false;
        }
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--dry-run") || a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
            if (a.equals("--farm")) {
                if (i + 1 >= args.size() || !args.get(i + 1).equals("local")) {
                    return false;
                }
            } else if (a.startsWith("--farm=") && !a.equals("--farm=local")) {
                return false;
            }
        }
        return true;
    }

    /** Starts the agent in the background when {@link #wanted}; returns at once. */
    static void startIfWanted(List<String> args, Cli cli) {
        if (!wanted(args)) {
            return;
        }
        Thread t = new Thread(() -> cli.farms.localAgent().startSoon(), "early-agent-start");
        t.setDaemon(true);
        t.start();
    }
}

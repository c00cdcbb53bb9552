package io.batchrender.cli;

import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Sends the program's log to a file under the state folder, never to the terminal. */
final class LogFiles {

    private LogFiles() {
    }

    static void configure(StateHome home, String fileName) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        try {
            home.ensure();
            Files.createDirectories(home.logsDir());
            FileHandler file = new FileHandler(home.logsDir().resolve(fileName).toString(), 20_000_000, 1, true);
            file.setFormatter(new SimpleFormatter());
            root.addHandler(file);
            root.setLevel(Level.INFO);
        } catch (IOException | RuntimeException e) {
            root.setLevel(Level.OFF); // a log that cannot be written must not stop a render
        }
    }
}

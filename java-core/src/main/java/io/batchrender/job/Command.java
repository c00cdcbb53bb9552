package io.batchrender.job;

import io.batchrender.render.Program;
import java.util.List;

/**
 * What a task runs. Batch knows only {@link Line}, a command line the node runs without a shell
 * ("The command line does not run under a shell": TaskAddParameter.commandLine,
 * https://learn.microsoft.com/rest/api/batchservice/task/add). The scene compiler's commands for
 * this workstation are a {@link Call}: a program found on this machine and its arguments, never a
 * string to split. A farm that can only send lines (Azure) quotes a call into one.
 */
public sealed interface Command permits Command.Line, Command.Call {

    /** Stands for the folder an attempt writes its outputs to, inside arguments and lines. */
    String OUTPUT_DIR = "${BATCHRENDER_OUTPUT_DIR}";

    /** A Batch command line, as authored (a template's, or one built for a Batch node). */
    record Line(String text) implements Command {
        public Line {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a command line cannot be empty");
            }
        }
    }

    /** A program and its arguments (the program is looked up where the task runs). */
    record Call(Program program, List<String> args) implements Command {
        public Call {
            args = List.copyOf(args);
        }

        /** The arguments with the output folder filled in. */
        public List<String> argsWithOutput(String outputDir) {
            return args.stream().map(a -> a.replace(OUTPUT_DIR, outputDir)).toList();
        }
    }
}

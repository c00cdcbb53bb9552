package io.batchrender.render;

import java.util.List;

/**
 * What one task runs: an argument list (never a shell string) whose first element is the
 * program. Arguments may hold {@link #OUTPUT_DIR}, which the farm replaces with the folder the
 * attempt writes its outputs to before they are moved into the job's output folder.
 *
 * @param program        the program and how to find it
 * @param args           the arguments after the program
 * @param minOutputFiles how many files a successful run must leave in the output folder (0: not checked)
 */
public record TaskCommand(Program program, List<String> args, int minOutputFiles) {

    /** Stands for the attempt's output folder inside arguments. */
    public static final String OUTPUT_DIR = "${BATCHRENDER_OUTPUT_DIR}";

    public TaskCommand {
        args = List.copyOf(args);
        if (minOutputFiles < 0) {
            throw new IllegalArgumentException("minOutputFiles must be 0 or more");
        }
    }

    /** The arguments with the output folder filled in. */
    public List<String> argsWithOutput(String outputDir) {
        return args.stream().map(a -> a.replace(OUTPUT_DIR, outputDir)).toList();
    }
}

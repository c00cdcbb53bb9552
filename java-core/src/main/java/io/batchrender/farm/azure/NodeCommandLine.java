package io.batchrender.farm.azure;

import io.batchrender.render.TaskCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's argument list as the command line a Linux Batch node runs. Batch runs the line without
 * a shell, so a small fixed /bin/sh script is the program: it makes the output folder
 * {@code $AZ_BATCH_TASK_WORKING_DIR/images}, puts its path where the arguments hold
 * {@link TaskCommand#OUTPUT_DIR}, runs the renderer with the arguments as they are (never
 * re-parsed by a shell) and checks that the expected number of outputs appeared.
 */
final class NodeCommandLine {

    /** The folder under the task's working directory the outputs go to (and are uploaded from). */
    static final String OUTPUT_FOLDER = "images";

    private static final String SCRIPT = "o=$AZ_BATCH_TASK_WORKING_DIR/" + OUTPUT_FOLDER + ";mkdir -p \"$o\"||exit 1;"
            + "t=$1;m=$2;shift 2;for a;do shift;"
            + "while case $a in *\"$t\"*)true;;*)false;;esac;do a=${a%%\"$t\"*}$o${a#*\"$t\"};done;"
            + "set -- \"$@\" \"$a\";done;\"$@\"||exit;"
            + "[ \"$m\" -eq 0 ]||[ \"$(find \"$o\" -type f|wc -l)\" -ge \"$m\" ]||"
            + "{ echo \"batchrender: the renderer exited 0 but left fewer than $m file(s) in $o\" >&2;exit 3;}";

    private NodeCommandLine() {
    }

    static String of(TaskCommand command) {
        List<String> words = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "batchrender", TaskCommand.OUTPUT_DIR,
                Integer.toString(command.minOutputFiles()), command.program().name()));
        words.addAll(command.args());
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append(quote(w));
        }
        return sb.toString();
    }

    /** POSIX single quotes: everything literal, a ' written as '\''. */
    static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

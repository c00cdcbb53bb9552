package io.batchrender.compile;

import io.batchrender.job.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's argument list as the command line a Linux Batch node runs. Batch runs the line without
 * a shell, so a small fixed /bin/sh script is the program: it makes the output folder
 * {@code $AZ_BATCH_TASK_WORKING_DIR/images} afresh (a retry runs in the same working folder, and
 * a failed attempt's images must not be pushed with the successful one's), puts its path where the arguments hold
 * {@link Command#OUTPUT_DIR} (and the node's asset folder where they hold {@link #ASSETS_DIR}), runs the renderer with the arguments as they are (never
 * re-parsed by a shell) and checks that the expected number of outputs appeared.
 */
final class NodeCommandLine {

    /** The folder under the task's working directory the outputs go to (and are uploaded from). */
    static final String OUTPUT_FOLDER = SceneCompiler.IMAGES;

    /** Stands for the node's asset folder (where the job preparation task laid the asset project out) in arguments. */
    static final String ASSETS_DIR = "${BATCHRENDER_ASSETS_DIR}";

    private static final String SCRIPT = "o=$AZ_BATCH_TASK_WORKING_DIR/" + OUTPUT_FOLDER + ";rm -rf \"$o\";mkdir -p \"$o\"||exit 1;"
            + "d=$AZ_BATCH_JOB_PREP_WORKING_DIR/assets;t=$1;u=$2;m=$3;shift 3;for a;do shift;"
            + "while case $a in *\"$t\"*)true;;*)false;;esac;do a=${a%%\"$t\"*}$o${a#*\"$t\"};done;"
            + "while case $a in *\"$u\"*)true;;*)false;;esac;do a=${a%%\"$u\"*}$d${a#*\"$u\"};done;"
            + "set -- \"$@\" \"$a\";done;\"$@\"||exit;"
            + "[ \"$m\" -eq 0 ]||[ \"$(find \"$o\" -type f|wc -l)\" -ge \"$m\" ]||"
            + "{ echo \"batchrender: the renderer exited 0 but left fewer than $m file(s) in $o\" >&2;exit 3;}";

    private NodeCommandLine() {
    }

    /** The command line running {@code program} with {@code args}, expecting at least {@code minOutputs} images. */
    static String of(String program, int minOutputs, List<String> args) {
        List<String> words = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "batchrender", Command.OUTPUT_DIR,
                ASSETS_DIR, Integer.toString(minOutputs), program));
        words.addAll(args);
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

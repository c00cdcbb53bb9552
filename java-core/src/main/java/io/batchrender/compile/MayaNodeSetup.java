package io.batchrender.compile;

import io.batchrender.render.pathmap.MayaDirmap;
import io.batchrender.render.pathmap.PathMap;
import io.batchrender.render.pathmap.PathRule;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Maya task on a Linux node gets the job's path map before its scene loads.
 *
 * <p>{@code dirmap} must be on before Maya opens the scene: file references are resolved while the
 * scene loads, so Render's {@code -preRender} (run after the load) is too late for them. Maya runs
 * the first {@code userSetup.mel} it finds on {@code MAYA_SCRIPT_PATH} at start-up, in batch mode
 * too, before {@code Render} opens the scene file. So the job preparation task writes the
 * {@code dirmap} rules as {@code $AZ_BATCH_JOB_PREP_WORKING_DIR/batchrender-maya/userSetup.mel},
 * and each task runs {@code Render} through {@code /bin/sh -c} with that folder put first on
 * {@code MAYA_SCRIPT_PATH} (Batch does not expand variables in environment settings, so the shell
 * does it). The script then sources the {@code userSetup.mel} it shadows (the image's or the
 * user's: the next one on {@code MAYA_SCRIPT_PATH}), so a studio's own start-up still runs.
 */
final class MayaNodeSetup {

    /** The folder, in the job preparation task's working folder, that holds the script. */
    static final String FOLDER = "batchrender-maya";
    static final String USER_SETUP = "userSetup.mel";
    /** Render runs through a shell that sets MAYA_SCRIPT_PATH. */
    static final String LAUNCHER_PROGRAM = "/bin/sh";
    static final String LAUNCHER = "MAYA_SCRIPT_PATH=\"$AZ_BATCH_JOB_PREP_WORKING_DIR/$0${MAYA_SCRIPT_PATH:+:$MAYA_SCRIPT_PATH}\";"
            + " export MAYA_SCRIPT_PATH; exec \"$@\"";

    private MayaNodeSetup() {
    }

    /** The script: the dirmap rules to the node's asset folder, then the userSetup.mel it shadows. */
    static String userSetup(List<PathRule> rules) {
        return MayaDirmap.userSetup(rules, BatchNodeCompiler.ASSETS_ON_NODE, "$AZ_BATCH_JOB_PREP_WORKING_DIR/" + FOLDER);
    }

    /** {@code -c LAUNCHER <script folder's name> PROGRAM ARGS...}: the launcher's arguments around Render's own. */
    static List<String> launcherArgs(String program, List<String> args) {
        List<String> out = new ArrayList<>(List.of("-c", LAUNCHER, FOLDER, program));
        out.addAll(args);
        return out;
    }

    /**
     * Render's {@code -proj} turned into the project's folder on the node (through the path map,
     * which has the project's folder when its workspace.mel was uploaded); dropped when the map
     * does not know the folder, as the artist's folder does not exist on the node.
     */
    static List<String> mapProject(List<String> args, List<PathRule> rules) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-proj") && i + 1 < args.size()) {
                String probe = args.get(i + 1).replace('\\', '/').replaceAll("/+$", "") + "/workspace.mel";
                String mapped = PathMap.apply(rules, NodeCommandLine.ASSETS_DIR, probe);
                if (!mapped.equals(probe)) {
                    out.add("-proj");
                    out.add(mapped.substring(0, mapped.length() - "/workspace.mel".length()));
                }
                i++;
                continue;
            }
            out.add(args.get(i));
        }
        return out;
    }
}

package io.batchrender.render.pathmap;

import java.util.List;

/**
 * A pre-render MEL script of {@code dirmap} rules: Maya on the node then reads every path the
 * scene holds (textures, references, caches) from the node's asset folder. Windows folders get a
 * rule for each separator, since a scene may spell a path either way.
 */
public final class MayaDirmap {

    private MayaDirmap() {
    }

    /**
     * @param nodeAssetDir the node's asset folder; a leading {@code $NAME} is read from the node's
     *                     environment ({@code $AZ_BATCH_JOB_PREP_WORKING_DIR/assets})
     */
    public static String script(List<PathRule> rules, String nodeAssetDir) {
        StringBuilder mel = new StringBuilder("// batchrender path map: the artist's folders -> this node's asset folder\n");
        mel.append("string $batchrenderAssets = ").append(expression(nodeAssetDir)).append(";\n");
        mel.append("dirmap -en true;\n");
        for (PathRule r : rules) {
            String to = r.nodeSubdir().isEmpty() ? "$batchrenderAssets" : "($batchrenderAssets + \"/" + escape(r.nodeSubdir()) + "\")";
            mel.append("dirmap -m \"").append(escape(r.localDir())).append("\" ").append(to).append(";\n");
            if (PathMap.isWindows(r.localDir())) {
                mel.append("dirmap -m \"").append(escape(r.localDir().replace('/', '\\'))).append("\" ").append(to).append(";\n");
            }
        }
        return mel.toString();
    }

    /**
     * A {@code userSetup.mel} for a Linux node: the {@link #script} rules, then the
     * {@code userSetup.mel} it shadows (the next one on {@code MAYA_SCRIPT_PATH}: the image's or the
     * user's), so a studio's own start-up still runs. Maya runs the first {@code userSetup.mel} on
     * {@code MAYA_SCRIPT_PATH} at start-up, in batch mode too, before Render opens the scene, so the
     * rules apply to file references as well (Render's {@code -preRender} comes after they load).
     *
     * @param ownFolder the folder this script is in, as {@code nodeAssetDir} is given
     *                  ({@code $AZ_BATCH_JOB_PREP_WORKING_DIR/batchrender-maya}): the one to skip
     */
    public static String userSetup(List<PathRule> rules, String nodeAssetDir, String ownFolder) {
        return script(rules, nodeAssetDir)
                + "// then the userSetup.mel this one shadows (the image's or the user's), as Maya would have run it\n"
                + "global int $batchrenderChained;\n"
                + "if (!$batchrenderChained) {\n"
                + "    $batchrenderChained = 1;\n"
                + "    string $batchrenderOwn = " + expression(ownFolder) + ";\n"
                + "    string $batchrenderDirs[];\n"
                + "    tokenize(getenv(\"MAYA_SCRIPT_PATH\"), \":\", $batchrenderDirs);\n"
                + "    string $batchrenderDir;\n"
                + "    for ($batchrenderDir in $batchrenderDirs) {\n"
                + "        if ($batchrenderDir != $batchrenderOwn && `filetest -f ($batchrenderDir + \"/userSetup.mel\")`) {\n"
                + "            eval(\"source \\\"\" + $batchrenderDir + \"/userSetup.mel\\\"\");\n"
                + "            break;\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
    }

    private static String expression(String dir) {
        String d = PathMap.slashes(dir);
        if (d.startsWith("$")) {
            int slash = d.indexOf('/');
            String var = slash < 0 ? d.substring(1) : d.substring(1, slash);
            String rest = slash < 0 ? "" : d.substring(slash);
            return "(getenv(\"" + escape(var) + "\")" + (rest.isEmpty() ? "" : " + \"" + escape(rest) + "\"") + ")";
        }
        return "\"" + escape(d) + "\"";
    }

    /** A MEL string literal's body: backslash and double quote escaped. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

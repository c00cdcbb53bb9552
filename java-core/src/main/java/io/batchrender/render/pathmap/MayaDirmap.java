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

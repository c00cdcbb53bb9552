package io.batchrender.render.pathmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The folder rules that turn the artist's absolute paths into the node's: for every referenced
 * file, its folder maps to the folder of its blob name under the node's asset folder. Pure: the
 * blob names come from the storage layer's {@link BlobNamer}.
 */
public final class PathMap {

    private PathMap() {
    }

    /**
     * The rules for {@code localFiles}, in the order their folders first appear there, except that a
     * folder's rule comes before the rule of any folder it is inside (so a deeper rule wins); a file whose
     * blob name does not end with its own file name is refused, as no folder rule could find it. The order
     * depends only on the paths' text and order, never on how long unrelated folders are: the same scene gives
     * the same script wherever its project sits.
     */
    public static List<PathRule> rules(List<String> localFiles, BlobNamer namer) {
        Map<String, String> byDir = new LinkedHashMap<>();
        for (String file : localFiles) {
            String local = slashes(file);
            String blob = slashes(namer.blobName(file));
            int ls = local.lastIndexOf('/');
            int bs = blob.lastIndexOf('/');
            String name = local.substring(ls + 1);
            if (!blob.substring(bs + 1).equals(name)) {
                throw new IllegalArgumentException("The blob name '" + blob + "' of " + file
                        + " does not end with the file's name; no folder rule can map it.");
            }
            String dir = ls <= 0 ? local.substring(0, ls + 1) : local.substring(0, ls);
            String nodeDir = bs < 0 ? "" : blob.substring(0, bs);
            String key = isWindows(dir) ? dir.toLowerCase(Locale.ROOT) : dir;
            String before = byDir.putIfAbsent(key + "\u0000" + dir, nodeDir);
            if (before != null && !before.equals(nodeDir)) {
                throw new IllegalArgumentException("Files of folder " + dir + " went to two blob folders ('" + before
                        + "' and '" + nodeDir + "'); a folder rule cannot map both.");
            }
        }
        List<PathRule> rules = new ArrayList<>();
        byDir.forEach((k, v) -> insertBeforeItsFolders(rules, new PathRule(k.substring(k.indexOf('\u0000') + 1), v)));
        return List.copyOf(rules);
    }

    /**
     * Puts {@code rule} before the first rule whose folder holds its own, or last. Every rule inside
     * {@code rule}'s folder is inside that one's too, so it is already before it: the list stays
     * deepest-first wherever one folder is inside another.
     */
    private static void insertBeforeItsFolders(List<PathRule> rules, PathRule rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (isInside(rule.localDir(), rules.get(i).localDir())) {
                rules.add(i, rule);
                return;
            }
        }
        rules.add(rule);
    }

    /** Whether folder {@code dir} is strictly inside folder {@code outer} (without case for Windows paths). */
    private static boolean isInside(String dir, String outer) {
        String d = slashes(dir);
        String o = slashes(outer);
        if (isWindows(o)) {
            d = d.toLowerCase(Locale.ROOT);
            o = o.toLowerCase(Locale.ROOT);
        }
        String prefix = o.endsWith("/") ? o : o + "/";
        return d.length() > prefix.length() && d.startsWith(prefix);
    }

    /** Where {@code localFile} is on the node after {@code rules}, or the path unchanged when none applies. */
    public static String apply(List<PathRule> rules, String nodeAssetDir, String localFile) {
        String f = slashes(localFile);
        for (PathRule r : rules) {
            String prefix = r.localDir().endsWith("/") ? r.localDir() : r.localDir() + "/";
            boolean match = isWindows(r.localDir()) ? f.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                    : f.startsWith(prefix);
            if (match) {
                String rest = f.substring(prefix.length());
                return join(join(nodeAssetDir, r.nodeSubdir()), rest);
            }
        }
        return localFile;
    }

    static String join(String a, String b) {
        if (b.isEmpty()) {
            return a;
        }
        return a.endsWith("/") ? a + b : a + "/" + b;
    }

    /** {@code \} to {@code /}; UNC paths keep their two leading slashes. */
    static String slashes(String p) {
        return p.replace('\\', '/');
    }

    /** A drive-letter or UNC path: compared without case, as Windows does. */
    static boolean isWindows(String p) {
        return p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0)) || p.startsWith("//");
    }
}

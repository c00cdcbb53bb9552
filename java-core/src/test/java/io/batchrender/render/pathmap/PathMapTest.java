package io.batchrender.render.pathmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path map of a scene made on Windows, whose textures sit under C:/Users/..., rendered on a
 * Linux node: every reference, however the scene spells it, lands on the file laid out at its blob name.
 */
class PathMapTest {

    @TempDir
    Path tmp;

    /** The artist's references: one project, a library on another drive, a network share, both separators. */
    static final List<String> REFS = List.of(
            "C:/Users/ann/shots/sh010/sourceimages/wood_diffuse.png",
            "C:\\Users\\ann\\shots\\sh010\\sourceimages\\skin\\skin.1001.exr",
            "C:/Users/ann/shots/sh010/cache/alembic/char.abc",
            "D:/library/hdri/studio small 03.hdr",
            "//fileserver/assets/props/chair.ma");

    /**
     * A stand-in for the storage layer's naming (the lead swaps in the real one): files under the
     * project folder are named relative to it; others under "external/" by drive or server.
     */
    static final BlobNamer NAMER = local -> {
        String p = local.replace('\\', '/');
        String root = "C:/Users/ann/shots/sh010/";
        if (p.toLowerCase(Locale.ROOT).startsWith(root.toLowerCase(Locale.ROOT))) {
            return p.substring(root.length());
        }
        if (p.startsWith("//")) {
            return "external/unc/" + p.substring(2);
        }
        return "external/" + Character.toLowerCase(p.charAt(0)) + p.substring(2);
    };

    @Test
    void theMayaDirmapScriptSendsEveryReferenceToItsBlobUnderTheNodesAssetFolder() throws IOException {
        Path assets = layOut();
        String mel = MayaDirmap.script(PathMap.rules(REFS, NAMER), "$AZ_BATCH_JOB_PREP_WORKING_DIR/assets");

        assertTrue(mel.contains("string $batchrenderAssets = (getenv(\"AZ_BATCH_JOB_PREP_WORKING_DIR\") + \"/assets\");"), mel);
        assertTrue(mel.contains("dirmap -en true;"), mel);
        List<String[]> rules = dirmapRules(mel);
        for (String ref : REFS) {
            Path onNode = Path.of(mapLikeMaya(rules, ref, assets.toString()));
            assertTrue(Files.isRegularFile(onNode), ref + " -> " + onNode);
            assertEquals(assets.resolve(NAMER.blobName(ref)), onNode);
        }
        // the same files spelled with the other separator, as Maya scenes from Windows often mix them
        assertTrue(Files.isRegularFile(Path.of(mapLikeMaya(rules, "C:\\Users\\ann\\shots\\sh010\\sourceimages\\wood_diffuse.png",
                assets.toString()))));
    }

    @Test
    void theBlenderRemapScriptRewritesTheScenesPathsInRealBlender() throws Exception {
        Path assets = layOut();
        Path remap = Files.writeString(tmp.resolve("remap.py"), BlenderRemap.script(PathMap.rules(REFS, NAMER), "$ASSETS_ROOT"));
        Path driver = Files.writeString(tmp.resolve("driver.py"), String.join("\n",
                "import bpy, json, sys",
                "refs = json.loads(sys.argv[sys.argv.index('--') + 1])",
                "imgs = [bpy.data.images.new('img%d' % i, 4, 4) for i in range(len(refs))]",
                "for img, ref in zip(imgs, refs):",
                "    img.source = 'FILE'",
                "    img.filepath = ref",
                "exec(compile(open(" + pyString(remap.toString()) + ").read(), 'remap.py', 'exec'))",
                "print('PATHS=' + json.dumps([img.filepath for img in imgs]))", ""));
        // Blender spells a UNC path with backslashes ("//" would mean "relative to the .blend")
        List<String> blenderRefs = REFS.stream().map(r -> r.startsWith("//") ? r.replace('/', '\\') : r).toList();
        String refsJson = new com.google.gson.Gson().toJson(blenderRefs);
        ProcessBuilder pb = new ProcessBuilder("blender", "-b", "--factory-startup", "--python", driver.toString(), "--", refsJson)
                .redirectErrorStream(true);
        pb.environment().put("ASSETS_ROOT", assets.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("PATHS=(.*)").matcher(out);
        assertTrue(m.find(), out);

        var paths = JsonParser.parseString(m.group(1)).getAsJsonArray();
        for (int i = 0; i < REFS.size(); i++) {
            assertEquals(assets.resolve(NAMER.blobName(REFS.get(i))).toString(), paths.get(i).getAsString());
        }
    }

    @Test
    void aBlobNameThatLostTheFilesNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PathMap.rules(List.of("C:/a/b.png"), f -> "x/renamed.png"));
        assertTrue(e.getMessage().contains("does not end with the file's name"), e.getMessage());
    }

    @Test
    void aFolderComesBeforeTheFoldersItIsInsideAndOtherwiseTheScenesOrderIsKept() {
        // REFS as the scene lists them: the project's sourceimages, its skin folder inside (spelled with
        // backslashes, and upper case where Windows does not care), the cache, another drive, a share
        List<String> dirs = PathMap.rules(List.of(REFS.get(0), REFS.get(1).toUpperCase(Locale.ROOT).replace("SKIN.1001", "skin.1001"),
                REFS.get(2), REFS.get(3), REFS.get(4)), NAMER).stream().map(PathRule::localDir).toList();

        assertEquals(List.of("C:/USERS/ANN/SHOTS/SH010/SOURCEIMAGES/SKIN", "C:/Users/ann/shots/sh010/sourceimages",
                "C:/Users/ann/shots/sh010/cache/alembic", "D:/library/hdri", "//fileserver/assets/props"), dirs);
        // the order no longer follows the folders' lengths: a project moved to a longer path gives the same script
        assertEquals(List.of("/p/x/y", "/p/x", "/a-much-longer-folder-name/z"), PathMap.rules(List.of("/p/x/a.png",
                "/a-much-longer-folder-name/z/b.png", "/p/x/y/c.png"), f -> f.substring(1)).stream().map(PathRule::localDir).toList());
    }

    @Test
    void aLinuxSubmitterMapsToAWindowsNodeToo() {
        List<PathRule> rules = PathMap.rules(List.of("/home/ann/proj/tex/a.png"), f -> "tex/a.png");

        assertEquals("D:/batch/assets/tex/a.png", PathMap.apply(rules, "D:/batch/assets", "/home/ann/proj/tex/a.png"));
        assertEquals("/home/ann/other/b.png", PathMap.apply(rules, "D:/batch/assets", "/home/ann/other/b.png"));
    }

    /** Creates every reference's file where the upload puts it: at its blob name under the asset folder. */
    private Path layOut() throws IOException {
        Path assets = tmp.resolve("node/workitems/job/job-1/jobpreparation/wd/assets");
        for (String ref : REFS) {
            Path f = assets.resolve(NAMER.blobName(ref));
            Files.createDirectories(f.getParent());
            Files.writeString(f, ref);
        }
        return assets;
    }

    private static final Pattern DIRMAP = Pattern.compile(
            "dirmap -m \"((?:[^\"\\\\]|\\\\.)*)\" (?:\\$batchrenderAssets|\\(\\$batchrenderAssets \\+ \"((?:[^\"\\\\]|\\\\.)*)\"\\));");

    /** The {@code dirmap -m FROM TO} rules of the script, MEL strings unescaped. */
    private static List<String[]> dirmapRules(String mel) {
        List<String[]> rules = new ArrayList<>();
        Matcher m = DIRMAP.matcher(mel);
        while (m.find()) {
            rules.add(new String[] {unescape(m.group(1)), m.group(2) == null ? "" : unescape(m.group(2))});
        }
        return rules;
    }

    /** What Maya's dirmap does with a path: the first rule whose folder starts it (drive and UNC paths without case). */
    private static String mapLikeMaya(List<String[]> rules, String path, String assets) {
        for (String[] r : rules) {
            String from = r[0];
            boolean windows = from.length() > 1 && from.charAt(1) == ':' || from.startsWith("//") || from.startsWith("\\\\");
            String p = windows ? path.toLowerCase(Locale.ROOT) : path;
            String f = windows ? from.toLowerCase(Locale.ROOT) : from;
            if (p.startsWith(f + "/") || windows && p.startsWith(f + "\\")) {
                String rest = path.substring(from.length() + 1).replace('\\', '/');
                return assets + (r[1].isEmpty() ? "" : r[1]) + "/" + rest;
            }
        }
        return path;
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

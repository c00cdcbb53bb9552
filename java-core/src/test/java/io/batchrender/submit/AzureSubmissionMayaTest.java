package io.batchrender.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.compile.SceneCompiler;
import io.batchrender.compile.SubmitForm;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.azure.BatchAccount;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.render.TestScenes;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Maya scene made on Windows (the Batch plug-in for Maya's {@code empty.mb}: file1 reads
 * {@code C:/Users/antisch/Pictures/butterfly.png}, file2 {@code D:/Test_Data/0012.png}) whose
 * textures the artist has elsewhere (found through a search path) is submitted to Azure with
 * {@link AzureSubmission}: the textures are uploaded under where they were found, and the
 * {@code dirmap} rules of the userSetup.mel the node's Maya finds first on {@code MAYA_SCRIPT_PATH}
 * send the scene's Windows paths to those very blobs in the node's asset folder. Maya is the only
 * stand-in: a {@code Render} script on the node's PATH that reports what Maya would get.
 */
class AzureSubmissionMayaTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    private static final Pattern DIRMAP = Pattern.compile(
            "dirmap -m \"((?:[^\"\\\\]|\\\\.)*)\" (?:\\$batchrenderAssets|\\(\\$batchrenderAssets \\+ \"((?:[^\"\\\\]|\\\\.)*)\"\\));");

    @Test
    void texturesUnderCUsersReachTheNodeThroughTheUserSetupDirmap() throws Exception {
        Path scene = TestScenes.testData("maya/azure-batch-maya/tests/data/empty.mb");
        Path found = tmp.resolve("artist/textures");
        Files.createDirectories(found);
        png(found.resolve("butterfly.png"));
        png(found.resolve("0012.png"));
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path render = bin.resolve("Render");
        // Maya's stand-in: what Render would be given, and one image where -rd says
        Files.writeString(render, String.join("\n", "#!/bin/sh",
                "echo \"MAYA_SCRIPT_PATH=$MAYA_SCRIPT_PATH\"",
                "rd=; prev=; last=",
                "for a; do [ \"$prev\" = -rd ] && rd=$a; prev=$a; last=$a; echo \"arg: $a\"; done",
                "[ -f \"$last\" ] || { echo \"no scene at $last\" >&2; exit 5; }",
                "printf 'image' > \"$rd/empty.0001.iff\"", ""));
        Files.setPosixFilePermissions(render, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> nodeEnv = new HashMap<>(System.getenv());
        nodeEnv.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        nodeEnv.remove("MAYA_SCRIPT_PATH");

        SubmitForm form = new SubmitForm(Optional.of(scene), Optional.empty(), Optional.of("1"), List.of(found), false, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SceneCompiler.Compiled prepared = SceneCompiler.compile(form, tmp, Map.of());

        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100))
                     .nodeEnvironment(nodeEnv).start();
             AzureBlobStore store = AZURITE.store();
             HashCache cache = HashCache.open(tmp.resolve("hash-cache.db"))) {
            // a Maya job needs an image with Maya: a Compute Gallery image, which needs Entra ID
            AzureFarm farm = io.batchrender.farm.azure.DoubleFarms.entra(batch, tmp.resolve("state"),
                    AzureJobSettings.on(new PoolChoice.Existing("unused")));
            AzureJobSettings settings = AzureJobSettings.on(new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 1,
                    new PoolImage.Gallery("/subscriptions/0000/resourceGroups/render/providers/Microsoft.Compute/galleries"
                            + "/studio/images/maya2025/versions/1.0.0", "batch.node.ubuntu 22.04"), Optional.empty())));

            AzureSubmission.Result r = new AzureSubmission(farm, store, cache, SyncOptions.defaults())
                    .submit(AzureSubmission.Request.of(prepared, Optional.empty(), settings), SubmitListener.NONE,
                            new Cancellation());

            assertEquals("empty", r.assetProject(), "no Maya project: the scene's name");
            assertEquals(Stream.of(BlobNames.forLocalPath(found.resolve("0012.png").toString()),
                            BlobNames.forLocalPath(found.resolve("butterfly.png").toString()),
                            BlobNames.forLocalPath(scene.toString())).sorted().toList(),
                    store.list("fgrp-empty", "").stream().map(BlobInfo::name).sorted().toList(),
                    "the scene and the two textures, under where they were found");
            JobInfo job = r.job();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String stdout = new String(store.list(r.outputContainer(), "logs/1/stdout.txt").isEmpty() ? new byte[0]
                    : read(store, r.outputContainer(), "logs/1/stdout.txt"), StandardCharsets.UTF_8);
            String stderr = new String(read(store, r.outputContainer(), "logs/1/stderr.txt"), StandardCharsets.UTF_8);
            assertTrue(farm.job(job.id()).orElseThrow().succeeded(), stdout + stderr);

            // Render ran with our folder first on MAYA_SCRIPT_PATH, and the scene's blob on the node
            Matcher msp = Pattern.compile("MAYA_SCRIPT_PATH=([^\\n:]+)").matcher(stdout);
            assertTrue(msp.find(), stdout);
            Path scripts = Path.of(msp.group(1)).normalize();
            Path assets = scripts.resolveSibling("assets");
            assertTrue(stdout.contains("\narg: " + assets + "/" + BlobNames.forLocalPath(scene.toString()) + "\n"), stdout);
            assertTrue(Files.isRegularFile(assets.resolve(BlobNames.forLocalPath(scene.toString()))));
            String mel = Files.readString(scripts.resolve("userSetup.mel"));
            assertTrue(mel.indexOf("dirmap -en true;") >= 0, mel);
            // the script does not source itself: it skips its own folder, as MAYA_SCRIPT_PATH spells it
            assertTrue(mel.contains("(getenv(\"AZ_BATCH_JOB_PREP_WORKING_DIR\") + \"/" + scripts.getFileName() + "\")"), mel);
            assertEquals(scripts, Path.of(System.getProperty("java.io.tmpdir")).resolve(scripts).normalize(), "an absolute folder");
            assertTrue(scripts.toString().endsWith("/jobpreparation/wd/batchrender-maya"), scripts.toString());
            List<String[]> rules = new ArrayList<>();
            Matcher m = DIRMAP.matcher(mel);
            while (m.find()) {
                rules.add(new String[] {unescape(m.group(1)), m.group(2) == null ? "" : unescape(m.group(2))});
            }
            // what Maya's dirmap makes of the paths the scene holds, spelled either way
            for (String[] ref : List.of(new String[] {"C:/Users/antisch/Pictures/butterfly.png", "butterfly.png"},
                    new String[] {"C:\\Users\\antisch\\Pictures\\butterfly.png", "butterfly.png"},
                    new String[] {"D:/Test_Data/0012.png", "0012.png"})) {
                String onNode = mapLikeMaya(rules, ref[0], assets.toString());
                assertEquals(assets + "/" + BlobNames.forLocalPath(found.resolve(ref[1]).toString()), onNode, ref[0]);
                assertTrue(Files.isRegularFile(Path.of(onNode)), onNode + " is on the node");
            }
            assertEquals(List.of("images/1/empty.0001.iff"),
                    store.list(r.outputContainer(), "images/").stream().map(BlobInfo::name).toList());
        }
    }

    private static byte[] read(AzureBlobStore store, String container, String blob) throws Exception {
        try (var in = store.openRead(container, blob)) {
            return in.readAllBytes();
        }
    }

    private static void png(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        Files.write(file, out.toByteArray());
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
}

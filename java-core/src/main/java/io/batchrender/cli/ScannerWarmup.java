package io.batchrender.cli;

import io.batchrender.json.ManifestJsonWriter;
import io.batchrender.scene.SceneScanner;
import io.batchrender.scene.maya.FanOutHandler;
import io.batchrender.scene.maya.MayaAssetCollector;
import io.batchrender.scene.maya.MayaRenderSettingsCollector;
import io.batchrender.scene.maya.MayaSceneReader;
import io.batchrender.scene.maya.RequiredPlugins;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Warms the scanner up in a long-lived JVM (the gateway): writes a Maya ASCII scene of a few MB, of the statements
 * big scenes are made of (transforms, meshes with their arrays, file nodes, script nodes with long escaped MEL
 * bodies), reads it on two threads as a scene of 32 MB and more is read until the reads stop getting faster
 * (the JIT compiles in the background: on a busy machine it takes more rounds), then scans it whole once
 * (resolution and the JSON report), and deletes it. The JIT has then compiled what the artist's first scan
 * runs, so that scan goes at the speed of a second one.
 */
public final class ScannerWarmup {

    /** Node blocks written: about 1.3 KB each, every 20th with a 13 KB script body (about 6.5 MB in all). */
    static final int BLOCKS = 3000;
    /** Reads of the scene on two threads: at least ROUNDS, then until STEADY_ROUNDS in a row are no faster. */
    static final int ROUNDS = 8;
    static final int STEADY_ROUNDS = 4;
    static final int MAX_ROUNDS = 60;

    private ScannerWarmup() {
    }

    /** Runs the warm-up in {@code dir} (a fresh temp folder, left empty); returns how long it took. */
    public static Duration run(Path dir, Map<String, String> env) throws IOException {
        long start = System.nanoTime();
        Path scene = write(dir.resolve("warmup.ma"));
        try {
            // compiling is asynchronous, and slower on a busy machine: read until the reads stop getting faster
            long best = Long.MAX_VALUE;
            int sinceBest = 0;
            for (int i = 0; i < MAX_ROUNDS && (i < ROUNDS || sinceBest < STEADY_ROUNDS); i++) {
                long t0 = System.nanoTime();
                MayaSceneReader.readOnTwoThreads(scene, new FanOutHandler(new MayaAssetCollector(),
                        new MayaRenderSettingsCollector(), new RequiredPlugins()));
                long took = System.nanoTime() - t0;
                if (took < best * 0.95) {
                    best = took;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            }
            new SceneScanner(List.of(), dir, env).scan(scene, new ManifestJsonWriter(Writer.nullWriter()));
            awaitCompilations();
        } finally {
            Files.deleteIfExists(scene);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Waits (up to {@value #COMPILE_WAIT_MS} ms) until the JIT's compilation time stops growing: on a busy
     * machine the compiler thread lags the reads that queued its work, and what it has not compiled yet would be
     * compiled during the artist's first scan, which then runs at a cold scan's speed (measured: C2's code for
     * the byte scanner installed in the middle of that scan).
     */
    static void awaitCompilations() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + COMPILE_WAIT_MS * 1_000_000L;
        long last = -1;
        try {
            while (System.nanoTime() < deadline) {
                long total = jit.getTotalCompilationTime();
                if (total == last) {
                    return;
                }
                last = total;
                Thread.sleep(300);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final long COMPILE_WAIT_MS = 20_000;

    static Path write(Path scene) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(scene, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("//Maya ASCII 2023 scene\n//Name: warmup.ma\n//Codeset: UTF-8\n"
                    + "file -rdi 1 -ns \"prop\" -rfn \"propRN\" -typ \"mayaAscii\" \"props/prop.ma\";\n"
                    + "file -r -ns \"prop\" -dr 1 -rfn \"propRN\" -typ \"mayaAscii\" \"props/prop.ma\";\n"
                    + "requires maya \"2023\";\n"
                    + "requires -nodeType \"aiOptions\" \"mtoa\" \"5.1.0\";\ncurrentUnit -l centimeter -a degree -t film;\n"
                    + "fileInfo \"application\" \"maya\";\n");
            for (int i = 0; i < BLOCKS; i++) {
                w.write(block(i));
            }
            w.write("select -ne :time1;\n\tsetAttr \".o\" 1;\nselect -ne :defaultRenderGlobals;\n"
                    + "\tsetAttr \".ren\" -type \"string\" \"arnold\";\n\tsetAttr \".outf\" 51;\n"
                    + "\tsetAttr \".imfkey\" -type \"string\" \"exr\";\n\tsetAttr \".an\" yes;\n\tsetAttr \".ef\" 10;\n"
                    + "select -ne :defaultResolution;\n\tsetAttr \".w\" 1920;\n\tsetAttr \".h\" 1080;\n"
                    + "select -ne :defaultRenderingList1;\nselect -ne :lightList1;\nselect -ne :initialShadingGroup;\n"
                    + "\tsetAttr \".ro\" yes;\nselect -ne :hardwareRenderingGlobals;\n"
                    + "\tsetAttr \".otfna\" -type \"stringArray\" 2 \"NURBS Curves\" \"NURBS Surfaces\"  ;\n"
                    + "connectAttr \"warmFile0.oc\" \"warmShader0.c\";\n"
                    + "relationship \"link\" \":lightLinker1\" \":initialShadingGroup.message\" \":defaultLightSet.message\";\n"
                    + "connectAttr \"layerManager.dli[0]\" \"defaultLayer.id\";\n"
                    + "connectAttr \":defaultArnoldDisplayDriver.msg\" \":defaultArnoldRenderOptions.drivers\" -na;\n"
                    + "// End of warmup.ma\n");
        }
        return scene;
    }

    /** Every LONG_EVERY-th block's script body runs on for LONG_LINES lines, as Maya's UI configuration does. */
    static final int LONG_EVERY = 20;
    static final int LONG_LINES = 100;

    private static String block(int i) {
        String more = ("\t\t+ \"\\t\\tmodelEditor -e -camera \\\"|persp\\\" -displayAppearance \\\"smoothShaded\\\""
                + " -grid 1 -imagePlane 1 $editorName;\\n\"\n").repeat(i % LONG_EVERY == 0 ? LONG_LINES : 0);
        return "createNode transform -n \"warm" + i + "\";\n"
                + "\trename -uid \"2E3FE2F0-49C3-D9E9-ECDA-" + String.format("%012X", i) + "\";\n"
                + "\tsetAttr \".t\" -type \"double3\" " + i + " 0.5 -2.25 ;\n"
                + "createNode mesh -n \"warmShape" + i + "\" -p \"warm" + i + "\";\n"
                + "\tsetAttr -k off \".v\";\n\tsetAttr \".vir\" yes;\n"
                + "\tsetAttr \".uvst[0].uvsn\" -type \"string\" \"map1\";\n"
                + "\tsetAttr -s 8 \".vt[0:7]\"  -0.5 -0.5 0.5 0.5 -0.5 0.5 -0.5 0.5 0.5 0.5 0.5 0.5 -0.5 0.5 -0.5 0.5 0.5"
                + " -0.5 -0.5 -0.5 -0.5 0.5 -0.5 -0.5;\n"
                + "\tsetAttr -s 12 \".ed[0:11]\"  0 1 0 2 3 0 4 5 0 6 7 0 0 2 0 1 3 0 2 4 0 3 5 0 4 6 0 5 7 0 6 0 0 7 1 0;\n"
                + "createNode file -n \"warmFile" + i + "\";\n"
                // Maya breaks a long value onto the next line; a tokenizer compiled without a line break inside a
                // statement it reads is thrown back to the interpreter at the first real scene that has one
                + "\tsetAttr \".ftn\" -type \"string\"" + (i % 3 == 0 ? " \n\t\t" : " ")
                + (i % 4 == 0 // and a path longer than the tokenizer's first buffer, as studio paths are
                        ? "\"D:/projects/warmup/assets/props/sourceimages/textures/warm" + (i % 7) + "_basecolor.<UDIM>.png\";\n"
                        : "\"sourceimages/warm" + (i % 7) + ".<UDIM>.png\";\n")
                + "\tsetAttr \".uvt\" 3;\n\tsetAttr \".cs\" -type \"string\" \"sRGB\";\n"
                + "createNode place2dTexture -n \"place2dTexture" + i + "\";\n"
                + "createNode aiStandardSurface -n \"warmShader" + i + "\";\n"
                + "createNode script -n \"warmScript" + i + "\";\n"
                + "\tsetAttr \".b\" -type \"string\" (\n"
                + "\t\t\"// Maya Mel UI Configuration File.\\n//\\n\\nglobal string $gMainPane;\\nif (`paneLayout -exists"
                + " $gMainPane`) {\\n\\tglobal int $gUseScenePanelConfig;\\n\\t$panelName = `sceneUIReplacement -getNextPanel"
                + " \\\"modelPanel\\\" (localizedPanelLabel(\\\"Top View\\\"))`;\\n\"\n" + more
                + "\t\t+ \"\\t\\tmodelEditor -e -camera \\\"|top\\\" -useInteractiveMode 0 -displayLights \\\"default\\\""
                + " $editorName;\\n\\t}\\n}\\n\");\n"
                + "\tsetAttr \".st\" 3;\n"
                + (i % 5 == 0 ? defaults(i) : "");
    }

    /**
     * The statements Maya writes for the default and shared nodes (cameras, render layers, the renderer's
     * options): big scenes built from many scenes repeat them, and a reader compiled without having seen them
     * would be recompiled during the first big scan.
     */
    private static String defaults(int i) {
        return "createNode transform -s -n \"persp\";\n\trename -uid \"AAC32D4E-4BDF-0623-FCCD-20B6E7B8A4FC\";\n"
                + "\tsetAttr \".v\" no;\n\tsetAttr \".t\" -type \"double3\" 28 21 28 ;\n"
                + "\tsetAttr \".r\" -type \"double3\" -27.938352729602379 44.999999999999972 -5.172681101354183e-14 ;\n"
                + "createNode camera -s -n \"perspShape\" -p \"persp\";\n\tsetAttr -k off \".v\" no;\n"
                + "\tsetAttr \".fl\" 34.999999999999993;\n\tsetAttr \".coi\" 44.82186966202994;\n"
                + "\tsetAttr \".imn\" -type \"string\" \"persp\";\n\tsetAttr \".den\" -type \"string\" \"persp_depth\";\n"
                + "\tsetAttr \".hc\" -type \"string\" \"viewSet -p %camera\";\n"
                + "createNode camera -n \"warmCamShape" + i + "\" -p \"warm" + i + "\";\n\tsetAttr -k off \".v\" no;\n"
                + "\tsetAttr \".rnd\" no;\n\tsetAttr \".o\" yes;\n"
                + "\tsetAttr \".ai_translator\" -type \"string\" \"orthographic\";\n"
                + "createNode lightLinker -s -n \"lightLinker1\";\n\tsetAttr -s 3 \".lnk\";\n\tsetAttr -s 3 \".slnk\";\n"
                + "createNode displayLayerManager -n \"layerManager\";\ncreateNode displayLayer -n \"defaultLayer\";\n"
                + "createNode renderLayerManager -n \"renderLayerManager\";\n"
                + "createNode renderLayer -n \"defaultRenderLayer\";\n\tsetAttr \".g\" yes;\n"
                + "createNode aiOptions -s -n \"defaultArnoldRenderOptions\";\n"
                + "\tsetAttr \".version\" -type \"string\" \"5.1.0\";\n"
                + "createNode aiAOVFilter -s -n \"defaultArnoldFilter\";\n"
                + "\tsetAttr \".ai_translator\" -type \"string\" \"gaussian\";\n"
                + "createNode aiAOVDriver -s -n \"defaultArnoldDriver\";\n"
                + "\tsetAttr \".ai_translator\" -type \"string\" \"exr\";\n"
                + "createNode aiAOVDriver -s -n \"defaultArnoldDisplayDriver\";\n\tsetAttr \".output_mode\" 0;\n"
                + "\tsetAttr \".ai_translator\" -type \"string\" \"maya\";\n"
                + "createNode mesh -n \"warmPolyShape" + i + "\" -p \"warm" + i + "\";\n\tsetAttr -k off \".v\";\n"
                + "\tsetAttr \".vir\" yes;\n\tsetAttr \".vif\" yes;\n\tsetAttr \".cuvs\" -type \"string\" \"map1\";\n"
                + "\tsetAttr \".dcc\" -type \"string\" \"Ambient+Diffuse\";\n\tsetAttr \".covm[0]\"  0 1 1;\n"
                + "\tsetAttr \".cdvm[0]\"  0 1 1;\n";
    }
}

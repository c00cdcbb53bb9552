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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Warms the scanner up in a long-lived JVM (the gateway): writes a Maya ASCII scene of a few MB, of the statements
 * big scenes are made of (transforms, meshes with their arrays, file nodes, script nodes with long escaped MEL
 * bodies), reads it several times on two threads as a scene of 32 MB and more is read, then scans it whole
 * once (resolution and the JSON report), and deletes it. The JIT has then compiled what the artist's first scan
 * runs, so that scan goes at the speed of a second one.
 */
public final class ScannerWarmup {

    /** Node blocks written: about 1.3 KB each. */
    static final int BLOCKS = 3000;
    /** Reads of the scene on two threads. */
    static final int ROUNDS = 12;

    private ScannerWarmup() {
    }

    /** Runs the warm-up in {@code dir} (a fresh temp folder, left empty); returns how long it took. */
    public static Duration run(Path dir, Map<String, String> env) throws IOException {
        long start = System.nanoTime();
        Path scene = write(dir.resolve("warmup.ma"));
        try {
            for (int i = 0; i < ROUNDS; i++) {
                MayaSceneReader.readOnTwoThreads(scene, new FanOutHandler(new MayaAssetCollector(),
                        new MayaRenderSettingsCollector(), new RequiredPlugins()));
            }
            new SceneScanner(List.of(), dir, env).scan(scene, new ManifestJsonWriter(Writer.nullWriter()));
        } finally {
            Files.deleteIfExists(scene);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static Path write(Path scene) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(scene, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("//Maya ASCII 2023 scene\n//Name: warmup.ma\n//Codeset: UTF-8\nrequires maya \"2023\";\n"
                    + "requires -nodeType \"aiOptions\" \"mtoa\" \"5.1.0\";\ncurrentUnit -l centimeter -a degree -t film;\n"
                    + "fileInfo \"application\" \"maya\";\n");
            for (int i = 0; i < BLOCKS; i++) {
                w.write(block(i));
            }
            w.write("select -ne :time1;\n\tsetAttr \".o\" 1;\nselect -ne :defaultRenderGlobals;\n"
                    + "\tsetAttr \".ren\" -type \"string\" \"arnold\";\n\tsetAttr \".outf\" 51;\n"
                    + "\tsetAttr \".imfkey\" -type \"string\" \"exr\";\n\tsetAttr \".an\" yes;\n\tsetAttr \".ef\" 10;\n"
                    + "select -ne :defaultResolution;\n\tsetAttr \".w\" 1920;\n\tsetAttr \".h\" 1080;\n"
                    + "connectAttr \"warmFile0.oc\" \"warmShader0.c\";\n");
        }
        return scene;
    }

    private static String block(int i) {
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
                + "\tsetAttr \".ftn\" -type \"string\" \"sourceimages/warm" + (i % 7) + ".<UDIM>.png\";\n"
                + "\tsetAttr \".uvt\" 3;\n\tsetAttr \".cs\" -type \"string\" \"sRGB\";\n"
                + "createNode place2dTexture -n \"place2dTexture" + i + "\";\n"
                + "createNode aiStandardSurface -n \"warmShader" + i + "\";\n"
                + "createNode script -n \"warmScript" + i + "\";\n"
                + "\tsetAttr \".b\" -type \"string\" (\n"
                + "\t\t\"// Maya Mel UI Configuration File.\\n//\\n\\nglobal string $gMainPane;\\nif (`paneLayout -exists"
                + " $gMainPane`) {\\n\\tglobal int $gUseScenePanelConfig;\\n\\t$panelName = `sceneUIReplacement -getNextPanel"
                + " \\\"modelPanel\\\" (localizedPanelLabel(\\\"Top View\\\"))`;\\n\"\n"
                + "\t\t+ \"\\t\\tmodelEditor -e -camera \\\"|top\\\" -useInteractiveMode 0 -displayLights \\\"default\\\""
                + " $editorName;\\n\\t}\\n}\\n\");\n"
                + "\tsetAttr \".st\" 3;\n";
    }
}

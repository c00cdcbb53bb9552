package io.batchrender.scene;

import io.batchrender.cli.ScannerWarmup;
import io.batchrender.json.ManifestJsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * In one JVM, as in the gateway: optionally {@link ScannerWarmup}, then scans of SCENE, each timed. Shows
 * whether the warm-up brings the first scan to the speed of the later ones without Py4J in the way.
 * Arguments: SCENE warm|cold [SCANS]
 */
public final class WarmScanMain {

    private WarmScanMain() {
    }

    public static void main(String[] args) throws IOException {
        Path scene = Path.of(args[0]);
        if (args[1].equals("warm")) {
            Path dir = Files.createTempDirectory("warm-scan");
            System.out.println("warm-up " + ScannerWarmup.run(dir, Map.of()).toMillis() + " ms");
            Files.delete(dir);
        }
        int scans = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int i = 0; i < scans; i++) {
            long t0 = System.nanoTime();
            new SceneScanner(List.of(), scene.getParent(), Map.of()).scan(scene, new ManifestJsonWriter(Writer.nullWriter()));
            System.out.println("scan " + (i + 1) + " " + (System.nanoTime() - t0) / 1_000_000 + " ms (ended at JVM uptime "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms)");
        }
    }
}

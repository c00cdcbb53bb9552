package io.batchrender.cli;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import io.batchrender.json.JsonViews;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Loads the classes the commands start with, touching no network and no state: the launcher runs it once after
 * each build with {@code -XX:ArchiveClassesAtExit}, and every later start maps that class archive instead of
 * loading and verifying the classes again.
 */
@Command(name = "warmup", hidden = true, description = "Load the classes the commands use (for the launcher's class archive).")
final class WarmupCommand implements Callable<Integer> {

    private static final String SCENE = "//Maya ASCII 2023 scene\n//Codeset: UTF-8\nrequires maya \"2023\";\n"
            + "createNode file -n \"wood\";\n\tsetAttr \".ftn\" -type \"string\" \"wood.<UDIM>.png\";\n"
            + "createNode mesh -n \"rockShape\";\n\tsetAttr -s 2 \".vt[0:1]\" 0 0 0 1 1 1;\n"
            + "\tsetAttr \".dso\" -type \"string\" \"rock.ass\";\n";

    private final Cli cli;

    WarmupCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("batchrender-warmup");
        try {
            Path scene = Files.writeString(dir.resolve("warmup.ma"), SCENE, StandardCharsets.UTF_8);
            SceneManifest m = new SceneScanner(List.of(), dir, cli.env).scan(scene);
            JsonViews.GSON.toJson(JsonViews.manifest(m));
            // clients are built without a request being sent
            new BlobServiceClientBuilder().endpoint("http://127.0.0.1:9/warmup")
                    .credential(new StorageSharedKeyCredential("warmup", "d2FybXVw")).buildClient()
                    .getBlobContainerClient("warmup");
            BatchClient.open(new BatchSharedKeyCredentials("http://127.0.0.1:9", "warmup", "d2FybXVw"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }
}

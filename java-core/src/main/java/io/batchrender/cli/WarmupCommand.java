package io.batchrender.cli;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import io.batchrender.farm.Farms;
import io.batchrender.json.JsonViews;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetSync;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.SyncListener;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncRequest;
import io.batchrender.storage.SyncResult;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzureStorageConfig;
import io.batchrender.scene.SceneManifest;
import io.batchrender.scene.SceneScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(WarmupCommand.class.getName());

    private final Cli cli;

    WarmupCommand(Cli cli) {
        this.cli = cli;
    }

    /**
     * An upload and an unchanged re-sync of two small files against {@link WarmupBlobService}: the requests and
     * the SDK's HTTP and XML classes of `batchrender upload`. A failure here only makes the archive smaller.
     */
    static List<SyncResult> syncTwice(Path dir) {
        return syncTwice(dir, 2);
    }

    /**
     * As {@link #syncTwice(Path)} with {@code count} small files: the gateway sends a few hundred, so that the
     * artist's first upload of a session runs compiled code rather than the interpreter.
     */
    static List<SyncResult> syncTwice(Path dir, int count) {
        List<SyncResult> results = new java.util.ArrayList<>();
        try (WarmupBlobService service = new WarmupBlobService();
             AzureBlobStore store = AzureBlobStore.connect(AzureStorageConfig.ofConnectionString(service.connectionString()));
             HashCache cache = HashCache.open(dir.resolve("hash-cache.db"))) {
            Path files = Files.createDirectories(dir.resolve("project"));
            for (int i = 0; i < count; i++) {
                Files.writeString(files.resolve("f" + i + ".txt"), ("warmup " + i + "\n").repeat(1 + i % 200));
            }
            AssetSync sync = new AssetSync(store, cache, SyncOptions.defaults());
            for (int i = 0; i < 2; i++) {
                results.add(sync.run(SyncRequest.forProject("warmup", List.of(files)), SyncListener.NONE, new Cancellation()));
            }
            store.containers("");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "warm-up sync failed; the class archive leaves those classes out", e);
        }
        return results;
    }

    /**
     * A local {@code submit} of one task to a paused pool (so that no agent starts in the background), then an agent
     * in this process that runs it: the classes of the submit path and of the agent's start.
     */
    static void localFarmOnce(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(StateHome.ENV, home.toString());
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        try {
            Main.run(new String[] {"pool", "resize", "local", "0"}, env, sink, sink);
            Main.run(new String[] {"submit", "--command", "true", "--frames", "1"}, env, sink, sink);
            new Farms(new StateHome(home), env).localAgent().runQueuedHere();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.INFO, "warm-up local job failed; the class archive leaves those classes out", e);
        }
    }

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("batchrender-warmup");
        try {
            Path scene = Files.writeString(dir.resolve("warmup.ma"), SCENE, StandardCharsets.UTF_8);
            SceneManifest m = new SceneScanner(List.of(), dir, cli.env).scan(scene);
            JsonViews.GSON.toJson(JsonViews.manifest(m));
            syncTwice(dir);
            localFarmOnce(dir.resolve("home"));
            BatchClient.open(new BatchSharedKeyCredentials("http://127.0.0.1:9", "warmup", "d2FybXVw"));
        } finally {
            WarmupFolder.delete(dir);
        }
        return 0;
    }
}

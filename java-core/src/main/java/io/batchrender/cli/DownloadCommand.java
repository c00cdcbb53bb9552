package io.batchrender.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.batchrender.json.JsonViews;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.ContainerDownload;
import io.batchrender.storage.DownloadResult;
import io.batchrender.storage.FileFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a container's blobs (or those under a prefix) into a folder, each checked against its MD5.",
            "Blob names that would land outside the folder are refused and listed; exit code 1 when any was."})
final class DownloadCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--container", required = true, paramLabel = "C", description = "The container.")
    String container;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The folder to download into.")
    Path to;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "",
            description = "Only blobs whose name starts with P; P is removed from the file names.")
    String prefix;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    StoreOption storeOption = new StoreOption();

    DownloadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw new UsageException(to.toAbsolutePath() + " is a file: give a folder to download into");
        }
        try (AssetStore store = storeOption.open(cli)) {
            if (!store.containerExists(container)) {
                throw new UsageException("no container '" + container + "' in the " + store.describe()
                        + " (see 'batchrender projects')");
            }
            DownloadResult r = new ContainerDownload(store, 8).run(container, prefix, to, n -> { }, new Cancellation());
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("container", container);
                o.addProperty("to", to.toAbsolutePath().normalize().toString());
                o.addProperty("downloaded", r.downloaded());
                o.addProperty("skipped", r.skipped());
                o.addProperty("bytes", r.bytes());
                o.add("refused", failures(r.refused()));
                o.add("failed", failures(r.failed()));
                cli.out.println(JsonViews.GSON.toJson(o));
            } else {
                for (FileFailure f : r.refused()) {
                    cli.err.println("refused: " + f.path() + " (" + f.reason() + ")");
                }
                for (FileFailure f : r.failed()) {
                    cli.err.println("failed: " + f.path() + " (" + f.reason() + ")");
                }
                cli.out.println(r.downloaded() + " downloaded (" + SyncProgressView.bytes(r.bytes()) + "), " + r.skipped()
                        + " already there, " + r.refused().size() + " refused, " + r.failed().size() + " failed -> "
                        + to.toAbsolutePath().normalize());
            }
            return r.refused().isEmpty() && r.failed().isEmpty() ? 0 : Main.EXIT_FAILED;
        }
    }

    private static JsonArray failures(List<FileFailure> list) {
        JsonArray arr = new JsonArray();
        for (FileFailure f : list) {
            JsonObject o = new JsonObject();
            o.addProperty("name", f.path());
            o.addProperty("reason", f.reason());
            arr.add(o);
        }
        return arr;
    }
}

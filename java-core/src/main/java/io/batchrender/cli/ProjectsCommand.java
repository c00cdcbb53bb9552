package io.batchrender.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.batchrender.json.JsonViews;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.FileGroups;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "projects", mixinStandardHelpOptions = true,
        description = "List the asset projects (file groups) in the store, with their files and size.")
final class ProjectsCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--json", description = "Print the projects as JSON.")
    boolean json;

    @Mixin
    StoreOption storeOption = new StoreOption();

    ProjectsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try (AssetStore store = storeOption.open(cli)) {
            JsonArray arr = new JsonArray();
            if (!json) {
                cli.out.printf("%-40s %-48s %8s %10s%n", "PROJECT", "CONTAINER", "FILES", "SIZE");
            }
            for (String c : store.containers(FileGroups.PREFIX)) {
                List<BlobInfo> blobs = store.list(c, "");
                long bytes = blobs.stream().mapToLong(BlobInfo::size).sum();
                String project = FileGroups.projectOf(c).orElse(c);
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("project", project);
                    o.addProperty("container", c);
                    o.addProperty("files", blobs.size());
                    o.addProperty("bytes", bytes);
                    arr.add(o);
                } else {
                    cli.out.printf("%-40s %-48s %8d %10s%n", project, c, blobs.size(), SyncProgressView.bytes(bytes));
                }
            }
            if (json) {
                cli.out.println(JsonViews.GSON.toJson(arr));
            }
        }
        return 0;
    }
}

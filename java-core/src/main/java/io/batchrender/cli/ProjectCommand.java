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
import picocli.CommandLine.Parameters;

@Command(name = "project", mixinStandardHelpOptions = true, description = "Look into or delete one asset project.",
        subcommands = {ProjectCommand.Ls.class, ProjectCommand.Delete.class})
final class ProjectCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The container of NAME: a project name, or a container name given as is ({@code fgrp-...}). */
    static String container(AssetStore store, String name) {
        if (name.startsWith(FileGroups.PREFIX) && store.containerExists(name)) {
            return name;
        }
        String c;
        try {
            c = FileGroups.containerName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!store.containerExists(c)) {
            throw new UsageException("no project '" + name + "' in the " + store.describe() + " (see 'batchrender projects')");
        }
        return c;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the files of a project: blob name, size, MD5.")
    static final class Ls implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The project.")
        String name;

        @Option(names = "--json", description = "Print the files as JSON.")
        boolean json;

        @Mixin
        StoreOption storeOption = new StoreOption();

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (AssetStore store = storeOption.open(cli)) {
                String c = container(store, name);
                List<BlobInfo> blobs = store.list(c, "");
                if (json) {
                    JsonArray arr = new JsonArray();
                    for (BlobInfo b : blobs) {
                        JsonObject o = new JsonObject();
                        o.addProperty("name", b.name());
                        o.addProperty("size", b.size());
                        b.contentMd5().ifPresent(m -> o.addProperty("contentMd5", m));
                        o.addProperty("lastModified", b.lastModified().toString());
                        arr.add(o);
                    }
                    JsonObject o = new JsonObject();
                    o.addProperty("container", c);
                    o.add("files", arr);
                    cli.out.println(JsonViews.GSON.toJson(o));
                } else {
                    for (BlobInfo b : blobs) {
                        cli.out.printf("%10s  %-24s  %s%n", SyncProgressView.bytes(b.size()), b.contentMd5().orElse("-"), b.name());
                    }
                    cli.err.println(blobs.size() + " file(s) in " + c);
                }
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a project and every file in it.")
    static final class Delete implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The project.")
        String name;

        @Mixin
        StoreOption storeOption = new StoreOption();

        Delete(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (AssetStore store = storeOption.open(cli)) {
                String c = container(store, name);
                int files = store.list(c, "").size();
                store.deleteContainer(c);
                cli.out.println("Deleted project " + name + " (container " + c + ", " + files + " file(s))");
            }
            return 0;
        }
    }
}

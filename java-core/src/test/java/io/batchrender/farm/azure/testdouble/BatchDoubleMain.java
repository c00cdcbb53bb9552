package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the Batch test double as its own process, for tests in other languages (the Maya panel's
 * pytest tests): {@code java -cp test-classes:batchrender.jar ...BatchDoubleMain NODES_DIR [ACCOUNT]}.
 * Binds 127.0.0.1 on a free port, prints one JSON line {@code {"url", "account", "key"}} and
 * serves until its stdin closes (its parent went away).
 */
public final class BatchDoubleMain {

    private BatchDoubleMain() {
    }

    public static void main(String[] args) throws Exception {
        Path nodes = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("batch-double-");
        Files.createDirectories(nodes);
        try (BatchDouble d = BatchDouble.builder(nodes).account(args.length > 1 ? args[1] : "testacct")
                .allocationTime(Duration.ofMillis(300)).start()) {
            JsonObject hello = new JsonObject();
            hello.addProperty("url", d.url());
            hello.addProperty("account", d.account());
            hello.addProperty("key", d.key());
            System.out.println(hello);
            System.out.flush();
            byte[] buf = new byte[256];
            while (System.in.read(buf) >= 0) {
                // only the end of stdin matters
            }
        }
    }
}

package io.batchrender.storage.azure;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Azurite blob service for tests: the npm package the repo pins ({@code package.json},
 * installed by {@code scripts/ensure-deps.sh azurite}), started on a free loopback port with its
 * own temp folder, and stopped (folder removed) after the test class. Register it with
 * {@code @RegisterExtension static final AzuriteServer AZURITE = new AzuriteServer();}, or call
 * {@link #start()}/{@link #close()} yourself. {@link #stop()} and {@link #start()} again keep the
 * port and the data, for tests of an outage.
 */
public final class AzuriteServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Azurite's development account and its well-known key (published in Azurite's README). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private int port;
    private Path location;
    private volatile Process process;
    private boolean hookAdded;

    /** Starts Azurite, or starts it again on the same port and folder after {@link #stop()}. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (location == null) {
            location = Files.createTempDirectory("azurite-");
            port = freePort();
        }
        Path bin = azuriteBlob();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--location", location.resolve("data").toString(), "--skipApiVersionCheck",
                "--silent", "--disableTelemetry"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(location.resolve("azurite.log").toFile()));
        process = pb.start();
        if (!hookAdded) {
            hookAdded = true;
            // a test JVM that dies (or is killed by surefire) must not leave Azurite running
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Process p = this.process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with " + process.exitValue() + "; see "
                        + location.resolve("azurite.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Azurite did not answer on port " + port + " within 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Stops Azurite the way a user would (SIGTERM, so it saves its data); keeps the port and folder. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** Bytes of blob data Azurite keeps on disk (its extent files): grows by what it was sent. */
    public long storedBytes() throws IOException {
        Path extents = location.resolve("data").resolve("__blobstorage__");
        if (!Files.isDirectory(extents)) {
            return 0;
        }
        try (var walk = Files.walk(extents)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/devstoreaccount1} */
    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + blobEndpoint() + ";";
    }

    /** A store on this Azurite, signed with the account key. */
    public AzureBlobStore store() {
        return AzureBlobStore.connect(AzureStorageConfig.ofConnectionString(connectionString()));
    }

    @Override
    public synchronized void close() throws InterruptedException, IOException {
        stop();
        if (location != null) {
            try (var walk = Files.walk(location)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            location = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(blobEndpoint() + "?comp=list").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The repo's Azurite; tells how to install it when it is missing. */
    public static Path azuriteBlob() {
        Path repo = Path.of(System.getProperty("batchrender.repo", "..")).toAbsolutePath().normalize();
        Path bin = repo.resolve("node_modules/.bin/azurite-blob");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Azurite is not installed in " + repo + ": run scripts/ensure-deps.sh azurite");
        }
        return bin;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

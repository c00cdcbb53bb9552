package io.batchrender.farm.azure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Azurite's blob service, started for a test, and the little a test needs of it through plain HTTP
 * with an account SAS of the well-known development account: make a container, put, get and list blobs.
 */
final class AzuriteBlobs implements AutoCloseable {

    static final String ACCOUNT = "devstoreaccount1";
    /** The development account's published key (Azurite's documentation). */
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String SAS_VERSION = "2019-12-12";

    private final Process process;
    private final String base;
    private final String sas;
    private final HttpClient http = HttpClient.newHttpClient();

    private AzuriteBlobs(Process process, int port) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port + "/" + ACCOUNT;
        this.sas = accountSas();
    }

    /** The azurite-blob program: $AZURITE_BLOB, or the project's node_modules (installed by scripts/ensure-deps.sh). */
    static Optional<Path> program() {
        String env = System.getenv("AZURITE_BLOB");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        Path local = Path.of(System.getProperty("batchrender.repo", ".."), "node_modules", ".bin", "azurite-blob");
        return Files.isExecutable(local) ? Optional.of(local) : Optional.empty();
    }

    static AzuriteBlobs start(Path program, Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(program.toString(), "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
                "--location", dir.toString(), "--skipApiVersionCheck", "--silent", "--disableTelemetry")
                .redirectErrorStream(true).redirectOutput(dir.resolve("azurite.log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new AzuriteBlobs(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("Azurite did not start: see " + dir.resolve("azurite.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    /** The container's URL with the SAS, as a job's resource or output file takes it. */
    String containerUrl(String container) {
        return base + "/" + container + "?" + sas;
    }

    void createContainer(String container) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + "/" + container + "?restype=container&" + sas))
                .PUT(HttpRequest.BodyPublishers.noBody()), 201);
    }

    void put(String container, String blob, String text) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + "/" + container + "/" + blob + "?" + sas))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString(text)), 201);
    }

    void put(String container, String blob, byte[] bytes) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + "/" + container + "/" + blob + "?" + sas))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201);
    }

    byte[] bytes(String container, String blob) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/" + container + "/" + blob + "?" + sas))
                .header("x-ms-version", "2021-08-06").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("Azurite answered " + r.statusCode() + " for " + blob);
        }
        return r.body();
    }

    String get(String container, String blob) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + container + "/" + blob + "?" + sas)).GET(), 200);
    }

    List<String> list(String container) throws IOException, InterruptedException {
        String xml = send(HttpRequest.newBuilder(URI.create(base + "/" + container + "?restype=container&comp=list&" + sas)).GET(), 200);
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<Name>([^<]*)</Name>").matcher(xml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String send(HttpRequest.Builder b, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.header("x-ms-version", "2021-08-06").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException("Azurite answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** An account SAS (blob service; service, container and object; read, write, delete, list, add, create). */
    private static String accountSas() {
        String sp = "rwdlac";
        String ss = "b";
        String srt = "sco";
        String se = "2099-01-01T00:00:00Z";
        String toSign = ACCOUNT + "\n" + sp + "\n" + ss + "\n" + srt + "\n\n" + se + "\n\n\n" + SAS_VERSION + "\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
            String sig = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return "sv=" + SAS_VERSION + "&ss=" + ss + "&srt=" + srt + "&sp=" + sp + "&se=" + enc(se) + "&sig=" + enc(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

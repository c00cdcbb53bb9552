package io.batchrender.farm.azure.testdouble;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node does with Blob Storage: plain HTTP against the SAS URLs in the task, exactly as a
 * real node would (list a container by prefix, GET blobs, PUT block blobs). Works against Azurite.
 */
final class BlobHttp {

    static final String VERSION = "2021-08-06";
    private static final Pattern NAME = Pattern.compile("<Name>([^<]*)</Name>");
    private static final Pattern MARKER = Pattern.compile("<NextMarker>([^<]*)</NextMarker>");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The blob names under {@code prefix} in the container at {@code containerUrl} (a SAS URL). */
    List<String> list(String containerUrl, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        String marker = "";
        do {
            String url = withQuery(containerUrl, "restype=container&comp=list"
                    + (prefix.isEmpty() ? "" : "&prefix=" + enc(prefix)) + (marker.isEmpty() ? "" : "&marker=" + enc(marker)));
            String xml = new String(get(url).readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = NAME.matcher(xml);
            while (m.find()) {
                names.add(unescape(m.group(1)));
            }
            Matcher n = MARKER.matcher(xml);
            marker = n.find() ? unescape(n.group(1)) : "";
        } while (!marker.isEmpty());
        return names;
    }

    /** Downloads a blob of the container to {@code target} (temp file, then rename). */
    void download(String containerUrl, String blobName, Path target) throws IOException {
        download(blobUrl(containerUrl, blobName), target);
    }

    void download(String url, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = get(url)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Uploads {@code file} as the block blob {@code blobName} of the container. */
    void upload(String containerUrl, String blobName, Path file) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(blobUrl(containerUrl, blobName)))
                .timeout(Duration.ofMinutes(2))
                .header("x-ms-blob-type", "BlockBlob").header("x-ms-version", VERSION)
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> r = send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("PUT " + blobName + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    private InputStream get(String url) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("x-ms-version", VERSION).GET().build();
        HttpResponse<InputStream> r = send(req, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw new BlobError(r.statusCode(), "GET " + url.replaceAll("sig=[^&]*", "sig=REDACTED") + ": HTTP "
                    + r.statusCode() + " " + body);
        }
        return r.body();
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> h) throws IOException {
        try {
            return http.send(req, h);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String blobUrl(String containerUrl, String blobName) {
        int q = containerUrl.indexOf('?');
        String base = q < 0 ? containerUrl : containerUrl.substring(0, q);
        String query = q < 0 ? "" : containerUrl.substring(q);
        StringBuilder path = new StringBuilder();
        for (String seg : blobName.split("/")) {
            path.append('/').append(enc(seg).replace("+", "%20"));
        }
        return base + path + query;
    }

    private static String withQuery(String url, String extra) {
        return url + (url.contains("?") ? "&" : "?") + extra;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /** A storage answer other than success; 403/404 tell the node's failure codes apart. */
    static final class BlobError extends IOException {
        final int status;

        BlobError(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}

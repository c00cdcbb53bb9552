package io.batchrender.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough of the Blob service, in this process on loopback, for {@link WarmupCommand} to send a
 * sync's real requests (create container, list containers and blobs, put blob) through the Azure SDK's
 * whole HTTP stack, so the launcher's class archive holds those classes too. Never used for real data.
 */
final class WarmupBlobService implements AutoCloseable {

    static final String ACCOUNT = "warmup";
    /** Base64 of "warmup": the shared key the SDK signs with; the service does not check it. */
    static final String KEY = "d2FybXVw";
    private static final String DATE = "Fri, 27 Nov 2026 00:00:00 GMT";

    private final HttpServer server;
    /** Blob name to its size and Base64 MD5, per container. */
    private final Map<String, Map<String, String[]>> containers = new TreeMap<>();

    WarmupBlobService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=http://127.0.0.1:"
                + server.getAddress().getPort() + "/" + ACCOUNT + ";";
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            String[] path = ex.getRequestURI().getPath().replaceFirst("^/" + ACCOUNT + "/?", "").split("/", 2);
            byte[] body = ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("x-ms-version", "2025-01-05");
            ex.getResponseHeaders().add("Date", DATE);
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path[0].isEmpty() && query.contains("comp=list")) {
                StringBuilder xml = new StringBuilder("<Containers>");
                containers.keySet().forEach(c -> xml.append("<Container><Name>").append(c).append("</Name><Properties><Last-Modified>")
                        .append(DATE).append("</Last-Modified><Etag>\"0x1\"</Etag></Properties></Container>"));
                reply(ex, 200, xml.append("</Containers>"));
            } else if (method.equals("PUT") && query.contains("restype=container")) {
                boolean fresh = containers.putIfAbsent(path[0], new TreeMap<>()) == null;
                headers(ex);
                ex.sendResponseHeaders(fresh ? 201 : 409, -1);
            } else if (method.equals("GET") && query.contains("comp=list")) {
                StringBuilder xml = new StringBuilder("<Blobs>");
                containers.getOrDefault(path[0], Map.of()).forEach((name, v) -> xml.append("<Blob><Name>").append(name)
                        .append("</Name><Properties><Last-Modified>").append(DATE).append("</Last-Modified><Etag>\"0x1\"</Etag>")
                        .append("<Content-Length>").append(v[0]).append("</Content-Length><Content-Type>application/octet-stream</Content-Type>")
                        .append("<Content-MD5>").append(v[1]).append("</Content-MD5><BlobType>BlockBlob</BlobType></Properties></Blob>"));
                reply(ex, 200, xml.append("</Blobs><NextMarker />"));
            } else if (method.equals("PUT") && path.length == 2) {
                String md5 = md5(body);
                containers.computeIfAbsent(path[0], c -> new TreeMap<>()).put(path[1], new String[] {Integer.toString(body.length), md5});
                headers(ex);
                ex.getResponseHeaders().add("Content-MD5", md5);
                ex.getResponseHeaders().add("x-ms-request-server-encrypted", "true");
                ex.sendResponseHeaders(201, -1);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void headers(HttpExchange ex) {
        ex.getResponseHeaders().add("ETag", "\"0x1\"");
        ex.getResponseHeaders().add("Last-Modified", DATE);
    }

    private static void reply(HttpExchange ex, int status, CharSequence inner) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"http://127.0.0.1/\">"
                + inner + "</EnumerationResults>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, xml.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(xml);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

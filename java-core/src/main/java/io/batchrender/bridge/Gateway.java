package io.batchrender.bridge;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import py4j.GatewayServer;

/**
 * A Py4J gateway serving a {@link BridgeApi}: bound to the loopback address only, on a free
 * port, refusing any client that does not present its random token (32 bytes from
 * {@link SecureRandom}). The token is never logged.
 */
public final class Gateway implements AutoCloseable {

    private final GatewayServer server;
    private final String token;

    private Gateway(GatewayServer server, String token) {
        this.server = server;
        this.token = token;
    }

    public static Gateway start(BridgeApi api) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        GatewayServer server = new GatewayServer.GatewayServerBuilder()
                .entryPoint(api)
                .javaAddress(InetAddress.getLoopbackAddress())
                .javaPort(0)
                .authToken(token)
                .build();
        server.start(true);
        return new Gateway(server, token);
    }

    public int port() {
        return server.getListeningPort();
    }

    public String token() {
        return token;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}

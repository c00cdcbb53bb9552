package io.batchrender.farm.local;

import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes the running agent when work arrives, so that a submitted task starts at once rather than at the agent's next
 * look at the database (every 100 ms). The agent listens on a Unix-domain socket in the state folder
 * ({@code agent.sock}, JDK 16+, also on Windows 10+); a submitter connects and closes. Nothing is read or written:
 * a connection only means "look now", so a stranger who can reach the socket can do no more than that. Where the
 * socket cannot be made (a state folder path over the system's limit of about 100 bytes, a file system without
 * sockets) the agent goes on polling, only later.
 */
final class AgentWakeUp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentWakeUp.class.getName());

    private final ServerSocketChannel server;
    private final Path socket;

    private AgentWakeUp(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    static Path socket(StateHome home) {
        return home.dir().resolve("agent.sock");
    }

    /**
     * Listens on the state folder's socket, calling {@code onWake} (on a daemon thread) for each connection. Only the
     * holder of the agent lock calls this, so a socket file already there is a dead agent's and is replaced. Empty
     * when the socket cannot be made.
     */
    static java.util.Optional<AgentWakeUp> listen(StateHome home, Runnable onWake) {
        Path socket = socket(home);
        ServerSocketChannel server = null;
        try {
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "no wake-up socket at " + socket + " (" + e + "); the agent polls only", e);
            closeQuietly(server);
            return java.util.Optional.empty();
        }
        AgentWakeUp wakeUp = new AgentWakeUp(server, socket);
        ServerSocketChannel listening = server;
        Thread t = new Thread(() -> {
            while (listening.isOpen()) {
                try (SocketChannel ignored = listening.accept()) {
                    onWake.run();
                } catch (ClosedChannelException closed) {
                    return;
                } catch (IOException e) {
                    LOG.log(Level.FINE, "wake-up connection failed", e);
                }
            }
        }, "agent-wake-up");
        t.setDaemon(true);
        t.start();
        return java.util.Optional.of(wakeUp);
    }

    /** Wakes the agent listening for {@code home}, if one does; quietly does nothing otherwise (it polls anyway). */
    static void wake(StateHome home) {
        Path socket = socket(home);
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // connected: that is the whole message
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "could not wake the agent at " + socket, e);
        }
    }

    /** Stops listening and removes the socket file (before the agent lets its lock go, so it is never another's). */
    @Override
    public void close() {
        closeQuietly(server);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not remove " + socket, e);
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }
}

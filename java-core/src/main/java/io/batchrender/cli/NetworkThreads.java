package io.batchrender.cli;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops the Azure Storage SDK's network threads (reactor-netty's event loops) before the CLI exits.
 * Left running they sit in native code ({@code epoll_wait}), and HotSpot's exit waits up to 300 ms
 * for threads in native code: a third of a second on every storage command.
 */
final class NetworkThreads {

    private static final Logger LOG = Logger.getLogger(NetworkThreads.class.getName());

    private NetworkThreads() {
    }

    private static boolean running() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith("reactor-http-")) {
                return true;
            }
        }
        return false;
    }

    /** Does nothing (and loads no SDK class) when no command opened a storage connection. */
    static void release() {
        if (!running()) {
            return;
        }
        try {
            reactor.netty.http.HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, Duration.ofMillis(500))
                    .block(Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "network threads did not stop at once; the JVM waits for them at exit", e);
        }
    }
}

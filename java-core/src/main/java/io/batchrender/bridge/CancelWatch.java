package io.batchrender.bridge;

import io.batchrender.storage.Cancellation;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns an operation's cancel request into the storage layer's {@link Cancellation}, which
 * transfers check between files and blocks: checked every 50 ms while open.
 */
final class CancelWatch implements AutoCloseable {

    private final Cancellation cancellation = new Cancellation();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "operation-cancel-watch");
        t.setDaemon(true);
        return t;
    });

    CancelWatch(OperationContext ctx) {
        timer.scheduleAtFixedRate(() -> {
            if (ctx.cancelRequested()) {
                cancellation.cancel();
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package io.batchrender.farm.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.AllocationState;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import io.batchrender.farm.FarmException;
import java.time.Duration;

/**
 * Brings a pool to a steady allocation state before it is resized. "You can only resize a Pool when
 * its allocation state is steady. If the Pool is already resizing, the request fails with status
 * code 409" (https://learn.microsoft.com/rest/api/batchservice/pool/resize); a stop ("stopresize")
 * moves it to stopping, then to steady, keeping the nodes it already has
 * (https://learn.microsoft.com/rest/api/batchservice/pool/stop-resize).
 */
final class PoolSteadiness {

    private final BatchClient client;
    private final String poolId;
    private final Duration timeout;

    PoolSteadiness(BatchClient client, String poolId, Duration timeout) {
        this.client = client;
        this.poolId = poolId;
        this.timeout = timeout;
    }

    /**
     * Makes the pool steady for a resize to {@code dedicated} + {@code spot} nodes: a resize under way is
     * stopped (the artist asked for other counts now; waiting could take up to its resize timeout, 15 min by
     * default), a stop under way is waited for.
     *
     * @return what was done, one line for the output; "" when the pool was already steady
     */
    String prepareResize(int dedicated, int spot) {
        CloudPool p = pool();
        AllocationState state = p.allocationState();
        if (state == null || state == AllocationState.STEADY) {
            return "";
        }
        String was = "Pool " + poolId + " was " + state + " (to " + count(p.targetDedicatedNodes()) + " dedicated and "
                + count(p.targetLowPriorityNodes()) + " Spot node(s))";
        long started = System.nanoTime();
        if (state == AllocationState.RESIZING) {
            try {
                client.protocolLayer().pools().stopResize(poolId);
            } catch (RuntimeException e) {
                throw BatchErrors.explain("stopping the resize of pool " + poolId, e);
            }
        }
        awaitSteady();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return was + (state == AllocationState.RESIZING ? ": stopped that resize" : ": waited for its stop to end")
                + " (" + seconds + " s; the nodes it already had stay), then resized it to " + dedicated + " dedicated and "
                + spot + " Spot node(s).";
    }

    /** Waits until the pool's allocation state is steady. */
    void awaitSteady() {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        while (pool().allocationState() != AllocationState.STEADY) {
            if (System.nanoTime() > deadline) {
                throw new FarmException("Pool " + poolId + " did not become steady within " + timeout.toMinutes()
                        + " min after its resize was stopped: check it with 'batchrender pools --farm azure' and resize again.");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FarmException("Interrupted while waiting for pool " + poolId + " to be steady.");
            }
            pause = Math.min(5_000, pause * 2);
        }
    }

    private CloudPool pool() {
        try {
            return client.protocolLayer().pools().get(poolId);
        } catch (RuntimeException e) {
            throw BatchErrors.explain("reading pool " + poolId, e);
        }
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}

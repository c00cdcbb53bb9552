package io.batchrender.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The operations of one gateway: starts each on a background thread, keeps it to be polled, and
 * forgets it an hour after it ended. When the gateway's parent goes away, {@link #handOff}
 * lets the work that must not be lost finish and cancels the rest.
 */
public final class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());
    private static final Duration KEEP = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Operation> ops = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bridge-operation");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    public Operations(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts {@code work} as an operation of {@code kind}; {@code handOff}: it must finish even if
     * the gateway's parent goes away (a submit, a cancel), rather than be cancelled (a scan).
     */
    public Operation start(String kind, boolean handOff, OperationWork work) {
        if (closing) {
            throw new BridgeException(new BridgeError(BridgeError.SHUTTING_DOWN, "The gateway is shutting down.",
                    "Start a new gateway (the Python client does so by itself)."));
        }
        forgetOld();
        Operation op = new Operation("op-" + next.incrementAndGet(), kind, handOff, clock);
        ops.put(op.id(), op);
        pool.execute(() -> op.run(work));
        return op;
    }

    public Optional<Operation> get(String id) {
        return Optional.ofNullable(ops.get(id));
    }

    public Operation require(String id) {
        return get(id).orElseThrow(() -> new BridgeException(new BridgeError(BridgeError.OPERATION_NOT_FOUND,
                "No operation '" + id + "' in this gateway",
                "Operations are forgotten an hour after they end, and a restarted gateway starts with none.")));
    }

    public List<Operation> list() {
        List<Operation> out = new ArrayList<>(ops.values());
        out.sort((a, b) -> Long.compare(number(a.id()), number(b.id())));
        return out;
    }

    private static long number(String id) {
        return Long.parseLong(id.substring(id.indexOf('-') + 1));
    }

    private void forgetOld() {
        var cutoff = clock.instant().minus(KEEP);
        ops.values().removeIf(op -> op.endedBefore(cutoff));
    }

    /**
     * Stops taking work; cancels running operations that need not outlive the parent and waits
     * (up to {@code limit}) for the ones that must. Returns how many were still running at the end.
     */
    public int handOff(Duration limit) throws InterruptedException {
        closing = true;
        long deadline = System.currentTimeMillis() + limit.toMillis();
        int left = 0;
        for (Operation op : list()) {
            if (!op.state().ended() && !op.handOff()) {
                op.cancel();
            }
        }
        for (Operation op : list()) {
            if (!op.state().ended() && op.handOff()) {
                LOG.info("waiting for " + op.kind() + " " + op.id() + " to finish before the gateway exits");
                if (!op.await(Math.max(0, deadline - System.currentTimeMillis()))) {
                    left++;
                }
            }
        }
        pool.shutdown();
        return left;
    }
}

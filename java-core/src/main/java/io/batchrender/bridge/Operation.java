package io.batchrender.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One piece of long work the bridge runs in the background: Python gets its id at once and polls
 * {@link #toJson()} for progress, state, result and error, or cancels it.
 */
public final class Operation implements OperationContext {

    private final String id;
    private final String kind;
    private final boolean handOff;
    private final Clock clock;
    private final Instant started;
    private final CountDownLatch ended = new CountDownLatch(1);

    private volatile OperationState state = OperationState.RUNNING;
    private volatile Progress progress = Progress.STARTING;
    private volatile JsonElement result;
    private volatile BridgeError error;
    private volatile boolean cancelRequested;
    private volatile Instant finished;
    private volatile Thread worker;

    Operation(String id, String kind, boolean handOff, Clock clock) {
        this.id = id;
        this.kind = kind;
        this.handOff = handOff;
        this.clock = clock;
        this.started = clock.instant();
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    /** True for work that must finish even when the gateway's parent goes away (submit, cancel, sync). */
    public boolean handOff() {
        return handOff;
    }

    public OperationState state() {
        return state;
    }

    @Override
    public void progress(long done, long total, String message) {
        double seconds = Math.max(1e-3, (clock.millis() - started.toEpochMilli()) / 1000.0);
        progress = new Progress(done, total, done / seconds, message);
    }

    @Override
    public void progress(long done, long total, double rate, String message) {
        progress = new Progress(done, total, rate, message);
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Asks the work to stop; work that checks only between steps ends at the next one. */
    public void cancel() {
        cancelRequested = true;
        Thread t = worker;
        if (t != null && !handOff) {
            t.interrupt();
        }
    }

    /** Waits until the operation ended; true when it did within the time. */
    public boolean await(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    void run(OperationWork work) {
        worker = Thread.currentThread();
        try {
            JsonElement value = work.run(this);
            result = value;
            Progress p = progress;
            progress = new Progress(Math.max(p.done(), p.total()), p.total(), p.rate(), "Done.");
            state = OperationState.SUCCEEDED;
        } catch (Throwable t) {
            // once a cancel was asked for, whatever the interrupted work threw is the cancellation
            boolean cancelled = cancelRequested
                    || t instanceof BridgeException b && b.error().code().equals(BridgeError.CANCELLED);
            error = cancelled ? new BridgeError(BridgeError.CANCELLED, "The operation was cancelled.", "") : Errors.of(t);
            state = cancelled ? OperationState.CANCELLED : OperationState.FAILED;
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            finished = clock.instant();
            worker = null;
            ended.countDown();
        }
    }

    /** Ended before {@code cutoff}: old enough to forget. */
    boolean endedBefore(Instant cutoff) {
        Instant f = finished;
        return f != null && f.isBefore(cutoff);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("kind", kind);
        o.addProperty("state", state.wire());
        Progress p = progress;
        JsonObject po = new JsonObject();
        po.addProperty("done", p.done());
        po.addProperty("total", p.total());
        po.addProperty("rate", Math.round(p.rate() * 1000) / 1000.0);
        po.addProperty("message", p.message());
        o.add("progress", po);
        o.addProperty("started", started.toString());
        Instant f = finished;
        if (f != null) {
            o.addProperty("finished", f.toString());
        }
        if (state == OperationState.SUCCEEDED) {
            o.add("result", result);
        }
        BridgeError e = error;
        if (e != null) {
            o.add("error", e.toJson());
        }
        return o;
    }
}

package io.batchrender.bridge;

/** What a running operation's work sees: a place to report progress and to learn it was cancelled. */
public interface OperationContext {

    /** Reports progress; the rate is worked out from {@code done} and the time since the start. */
    void progress(long done, long total, String message);

    /** Reports progress with the work's own rate (units per second, e.g. bytes over the last seconds). */
    default void progress(long done, long total, double rate, String message) {
        progress(done, total, message);
    }

    /** True once someone asked to cancel; long work checks it between steps. */
    boolean cancelRequested();

    /** Throws {@link BridgeException} with code {@code Cancelled} when a cancel was asked for. */
    default void checkCancelled() {
        if (cancelRequested()) {
            throw new BridgeException(new BridgeError(BridgeError.CANCELLED, "The operation was cancelled.", ""));
        }
    }
}

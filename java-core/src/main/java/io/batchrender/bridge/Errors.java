package io.batchrender.bridge;

import io.batchrender.submit.Failure;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what the core throws into the typed errors Python sees: the code and fallback hint from {@link Failure}
 * (which the CLI's exit codes come from too), the message split into what went wrong and what to do; stack
 * traces go to the log.
 */
final class Errors {

    private static final Logger LOG = Logger.getLogger(Errors.class.getName());

    private Errors() {
    }

    static BridgeError of(Throwable t) {
        if (t instanceof BridgeException b) {
            return b.error();
        }
        Failure failure = Failure.of(t);
        if (failure == Failure.CANCELLED) {
            return new BridgeError(BridgeError.CANCELLED, "The operation was cancelled.", "");
        }
        if (!failure.expected()) {
            LOG.log(Level.SEVERE, "unexpected error in the bridge", t);
            return new BridgeError(failure.bridgeCode(), "Unexpected error: " + t, failure.hint());
        }
        LOG.log(Level.FINE, failure + " error", t);
        return split(failure.bridgeCode(), t.getMessage(), failure.hint());
    }

    /**
     * The core's messages say what went wrong, then after the last ": " what to do; that last part
     * becomes the hint. A message without one gets {@code fallbackHint}.
     */
    static BridgeError split(String code, String message, String fallbackHint) {
        String m = message == null ? "" : message.strip();
        int at = m.lastIndexOf(": ");
        if (at > 0 && at < m.length() - 2) {
            String hint = m.substring(at + 2);
            return new BridgeError(code, m.substring(0, at), Character.toUpperCase(hint.charAt(0)) + hint.substring(1));
        }
        return new BridgeError(code, m, fallbackHint);
    }
}

package io.batchrender.bridge;

/** Carries a {@link BridgeError} out of the bridge's own checks. */
public class BridgeException extends RuntimeException {

    private final BridgeError error;

    public BridgeException(BridgeError error) {
        super(error.message());
        this.error = error;
    }

    public static BridgeException badRequest(String message, String hint) {
        return new BridgeException(new BridgeError(BridgeError.BAD_REQUEST, message, hint));
    }

    public BridgeError error() {
        return error;
    }
}

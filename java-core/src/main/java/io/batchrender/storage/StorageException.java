package io.batchrender.storage;

/**
 * A storage operation failed. The message is one line a user can act on and never holds a secret;
 * {@link #isTransient()} tells whether trying again later may succeed.
 */
public class StorageException extends RuntimeException {

    /** What kind of failure, for callers that react differently. */
    public enum Kind { NOT_FOUND, ACCESS_DENIED, TRANSIENT, INTEGRITY, CANCELLED, OTHER }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** A network hiccup, a throttled or busy service, or a checksum mismatch: worth another try. */
    public boolean isTransient() {
        return kind == Kind.TRANSIENT || kind == Kind.INTEGRITY;
    }
}

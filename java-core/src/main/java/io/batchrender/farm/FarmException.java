package io.batchrender.farm;

/** Something the farm cannot do as asked; the message is one line that says what to do. */
public class FarmException extends RuntimeException {
    public FarmException(String message) {
        super(message);
    }

    public FarmException(String message, Throwable cause) {
        super(message, cause);
    }
}

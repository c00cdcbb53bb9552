package io.batchrender.watch;

/** A watcher cannot do what was asked; the message is one line that says what to do. */
public class WatchException extends RuntimeException {
    public WatchException(String message) {
        super(message);
    }
}

package io.batchrender.cli;

/** A command line that asks for something impossible; the message says what to type instead. */
final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
        super(message);
    }
}

package io.batchrender.bridge;

/**
 * How far an operation has come.
 *
 * @param done    units done (files, bytes, tasks: the operation says which in its message)
 * @param total   units in all; 0 when not known yet
 * @param rate    units per second since the operation started
 * @param message one line for the panel: what it is doing now
 */
public record Progress(long done, long total, double rate, String message) {
    public static final Progress STARTING = new Progress(0, 0, 0, "Starting.");
}

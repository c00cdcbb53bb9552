package io.batchrender.render;

/** A job that cannot be set up as asked (bad scene, unknown renderer, bad command); the message says what to do. */
public final class RenderSetupException extends IllegalArgumentException {
    public RenderSetupException(String message) {
        super(message);
    }
}

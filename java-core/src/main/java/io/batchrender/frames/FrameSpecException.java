package io.batchrender.frames;

/** A frame specification that cannot be read; the message says what is wrong and how to write it. */
public final class FrameSpecException extends IllegalArgumentException {
    public FrameSpecException(String message) {
        super(message);
    }
}

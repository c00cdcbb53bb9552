package io.batchrender.render;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;

/** Turns the frames of a task into the command line of one renderer. */
public interface Renderer {

    /** The name users type ({@code blender}, {@code arnold}, {@code command}). */
    String name();

    /** True when one invocation can render a range of frames (start, end, step). */
    boolean takesRanges();

    /** Checks, before any job exists, that these frames can be rendered; throws {@link RenderSetupException}. */
    void check(FrameSet frames, int chunkSize);

    /** The command of the task that renders {@code chunk}. */
    TaskCommand command(FrameChunk chunk);
}

package io.batchrender.frames;

import java.util.ArrayList;
import java.util.List;

/** Splits a frame set into the frames of each task. */
public final class FrameChunker {

    private FrameChunker() {
    }

    /**
     * Chunks of at most {@code size} frames, in order, each an arithmetic progression so a
     * renderer can take it as one range: {@code 1-10,20} in chunks of 4 gives
     * {@code 1-4, 5-8, 9-10, 20}.
     */
    public static List<FrameChunk> chunk(FrameSet frames, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Chunk size " + size + " is not valid: use 1 or more frames per task.");
        }
        return runs(frames.frames(), size);
    }

    static List<FrameChunk> runs(List<Integer> frames, int maxSize) {
        List<FrameChunk> chunks = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int step = 0;
        for (int frame : frames) {
            long diff = current.isEmpty() ? 0 : (long) frame - last(current);
            boolean fits = current.isEmpty()
                    || (current.size() < maxSize
                        && (current.size() == 1
                            ? diff > 0 && diff <= Integer.MAX_VALUE
                            : diff == step));
            if (!fits) {
                chunks.add(new FrameChunk(current));
                current = new ArrayList<>();
            }
            if (current.size() == 1) {
                step = frame - current.get(0);
            }
            current.add(frame);
        }
        chunks.add(new FrameChunk(current));
        return chunks;
    }

    private static int last(List<Integer> list) {
        return list.get(list.size() - 1);
    }
}

package io.batchrender.frames;

import java.util.List;

/**
 * The frames of one task. When {@link #isRange()} the frames are {@code start, start+step, ... end},
 * which a renderer can take as one range argument.
 */
public record FrameChunk(List<Integer> frames) {

    public FrameChunk {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a chunk holds at least one frame");
        }
        frames = List.copyOf(frames);
    }

    public int start() {
        return frames.get(0);
    }

    public int end() {
        return frames.get(frames.size() - 1);
    }

    /** The step between frames (1 for a single frame). */
    public int step() {
        return frames.size() < 2 ? 1 : frames.get(1) - frames.get(0);
    }

    public int size() {
        return frames.size();
    }

    /** True when the frames form one ascending arithmetic progression. */
    public boolean isRange() {
        int step = step();
        if (step <= 0) {
            return false;
        }
        for (int i = 1; i < frames.size(); i++) {
            if ((long) frames.get(i) - frames.get(i - 1) != step) {
                return false;
            }
        }
        return true;
    }

    /** This chunk as a frame spec ({@code 5}, {@code 1-10}, {@code 1-9x2}, or a list). */
    public String toSpec() {
        if (!isRange()) {
            StringBuilder sb = new StringBuilder();
            for (int f : frames) {
                sb.append(sb.length() == 0 ? "" : ",").append(f);
            }
            return sb.toString();
        }
        if (size() == 1) {
            return Integer.toString(start());
        }
        return start() + "-" + end() + (step() == 1 ? "" : "x" + step());
    }
}

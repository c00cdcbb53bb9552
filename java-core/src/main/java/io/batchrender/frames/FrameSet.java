package io.batchrender.frames;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered set of frame numbers, read from a spec such as {@code 1-100}, {@code 1-100x2},
 * {@code 1-10,20,30-40x5} or {@code -5--1}. Duplicates are dropped; the first occurrence keeps
 * its place.
 */
public record FrameSet(List<Integer> frames) {

    /** Frames beyond this many in one job are almost surely a typo (1-1000000). */
    public static final int MAX_FRAMES = 100_000;

    private static final Pattern TERM =
            Pattern.compile("(-?\\d+)(?:\\s*-\\s*(-?\\d+)(?:\\s*[xX:]\\s*(-?\\d+))?)?");

    private static final String HOW =
            "write frames like 1-100, 1-100x2, 1-10,20,30-40x5 or -5--1";

    public FrameSet {
        if (frames.isEmpty()) {
            throw new FrameSpecException("A frame set needs at least one frame: " + HOW + ".");
        }
        frames = List.copyOf(new LinkedHashSet<>(frames));
    }

    /** Reads a frame spec; throws {@link FrameSpecException} with a one-line reason when it is not one. */
    public static FrameSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new FrameSpecException("The frame spec is empty: " + HOW + ".");
        }
        spec = spec.replaceAll("[\\r\\n\\t]+", " ");
        Set<Integer> frames = new LinkedHashSet<>();
        for (String raw : spec.split(",", -1)) {
            String term = raw.strip();
            if (term.isEmpty()) {
                throw new FrameSpecException(
                        "Frame spec '" + spec + "' has an empty part between commas: " + HOW + ".");
            }
            addTerm(spec, term, frames);
        }
        return new FrameSet(new ArrayList<>(frames));
    }

    private static void addTerm(String spec, String term, Set<Integer> frames) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            throw new FrameSpecException("'" + term + "' in frame spec '" + spec + "' is not a frame or range: " + HOW + ".");
        }
        int start = toInt(spec, m.group(1));
        int end = m.group(2) == null ? start : toInt(spec, m.group(2));
        int step = m.group(3) == null ? 1 : toInt(spec, m.group(3));
        if (end < start) {
            throw new FrameSpecException("Range '" + term + "' ends before it starts: write it as " + end + "-" + start + ".");
        }
        if (step <= 0) {
            throw new FrameSpecException("Range '" + term + "' has step " + step + ": the step after 'x' must be 1 or more.");
        }
        long count = ((long) end - start) / step + 1;
        if (count > MAX_FRAMES) {
            throw tooMany(spec);
        }
        for (long f = start; f <= end; f += step) {
            frames.add((int) f);
        }
        if (frames.size() > MAX_FRAMES) {
            throw tooMany(spec);
        }
    }

    private static FrameSpecException tooMany(String spec) {
        return new FrameSpecException("Frame spec '" + spec + "' names more than " + MAX_FRAMES + " frames: split the job.");
    }

    private static int toInt(String spec, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new FrameSpecException("Frame '" + digits + "' in '" + spec + "' is too large.");
        }
    }

    public int size() {
        return frames.size();
    }

    public int first() {
        return frames.get(0);
    }

    public int last() {
        return frames.get(frames.size() - 1);
    }

    /** The shortest spec that names these frames in this order, e.g. {@code 1-9x2,20}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (FrameChunk run : FrameChunker.runs(frames, Integer.MAX_VALUE)) {
            parts.add(run.toSpec());
        }
        return String.join(",", parts);
    }
}

package io.batchrender.scene.maya;

import java.util.Arrays;

/**
 * Where the statements of part of a Maya ASCII file that name a command the reader knows start, which of them are
 * {@code setAttr}s, (offsets from the part's start) and on which line
 * (counted from 1 at the part's start), and where a reader resumes scanning after the last. Bounded: it holds at
 * most {@code capacity} statements, and offsets up to 2 GiB, so a huge file costs at most a few megabytes.
 */
final class StatementIndex {

    private final int capacity;
    private int[] offsets = new int[1 << 14];
    private int[] lines = new int[1 << 14];
    private int count;
    private long end;
    private int endLine = 1;

    StatementIndex(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Records a statement ({@code setAttr} or another command); false, recording nothing, when the index is full or
     * the offset out of its range.
     */
    boolean add(long offset, int line, boolean setAttr) {
        if (count == capacity || offset > Integer.MAX_VALUE) {
            return false;
        }
        if (count == offsets.length) {
            int grown = (int) Math.min(capacity, (long) count * 2);
            offsets = Arrays.copyOf(offsets, grown);
            lines = Arrays.copyOf(lines, grown);
        }
        offsets[count] = (int) offset;
        lines[count] = setAttr ? -line : line; // lines count from 1: the sign is free
        count++;
        return true;
    }

    /** Where scanning resumes after the recorded statements, and that place's line. */
    void end(long offset, int line) {
        this.end = offset;
        this.endLine = line;
    }

    int count() {
        return count;
    }

    long offset(int i) {
        return offsets[i];
    }

    int line(int i) {
        return Math.abs(lines[i]);
    }

    /** Whether statement {@code i} is a {@code setAttr}. */
    boolean isSetAttr(int i) {
        return lines[i] < 0;
    }

    long end() {
        return end;
    }

    int endLine() {
        return endLine;
    }
}

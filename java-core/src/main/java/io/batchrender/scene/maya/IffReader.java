package io.batchrender.scene.maya;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the chunks of a Maya IFF file one after the other from a stream, with bounds checked against the file's
 * length and the enclosing group, so that a damaged size never makes it allocate or skip past the file.
 *
 * <p>Two widths, told apart by the file's first tag:
 * <ul>
 * <li>{@code FOR4} (32-bit): header = 4-byte tag + 4-byte big-endian size; data padded to 4 bytes.</li>
 * <li>{@code FOR8} (64-bit, Maya 2014 and later): header = 4-byte tag + 4 bytes we ignore (they vary and mean
 * nothing we need) + 8-byte big-endian size; data padded to 8 bytes.</li>
 * </ul>
 * A group ({@code FOR4/FOR8}, {@code LIS4/LIS8}, {@code CAT4/CAT8}, {@code PROP}) starts its data with a 4-byte
 * form type and its children follow at once; its size counts the form type and its children, and the group
 * itself is not padded. The FOR8 layout was checked on every Maya Binary file in the shared test data (the
 * chunks tile each group exactly); no FOR4 file was at hand, so FOR4 follows the classic Maya IFF layout.
 */
final class IffReader {

    private static final int FOR4 = MayaTypeIds.id("FOR4");
    private static final int FOR8 = MayaTypeIds.id("FOR8");

    private final InputStream in;
    private final long length;
    private final String source;
    private boolean wide;
    private long pos;

    IffReader(InputStream in, long length, String source) {
        this.in = in;
        this.length = length;
        this.source = source;
    }

    static boolean isGroupTag(int tag) {
        return switch (MayaTypeIds.fourCC(tag)) {
            case "FOR4", "FOR8", "LIS4", "LIS8", "CAT4", "CAT8", "PROP" -> true;
            default -> false;
        };
    }

    long position() {
        return pos;
    }

    long length() {
        return length;
    }

    /** Reads the file's first chunk header: {@code FOR4} or {@code FOR8}, else the file is no Maya Binary scene. */
    IffChunk first() throws IOException {
        int tag = length >= 4 ? readInt(0) : 0;
        if (tag != FOR4 && tag != FOR8) {
            throw new MayaSceneException(source + " is not a Maya Binary scene (it does not start with FOR4 or FOR8): "
                    + "open it in Maya and save it as Maya Binary (.mb)");
        }
        wide = tag == FOR8;
        return rest(tag, 0, Long.MAX_VALUE);
    }

    /** Reads the next chunk header (and a group's form type); the chunk must fit in {@code groupEnd}. */
    IffChunk next(long groupEnd) throws IOException {
        long start = pos;
        return rest(readInt(start), start, groupEnd);
    }

    private IffChunk rest(int tag, long start, long groupEnd) throws IOException {
        if (wide) {
            skipTo(start + 8, start);
        }
        long size = wide ? readLong(start) : readInt(start) & 0xFFFFFFFFL;
        long dataStart = pos;
        if (size < 0 || size > groupEnd - dataStart) {
            throw new MayaSceneException(source + ": chunk '" + MayaTypeIds.fourCC(tag) + "' at byte " + start + " says it holds "
                    + Long.toUnsignedString(size) + " bytes, more than its group has left: the file is damaged; save the scene from Maya again");
        }
        int formType = 0;
        if (isGroupTag(tag)) {
            if (size < 4) {
                throw new MayaSceneException(source + ": group '" + MayaTypeIds.fourCC(tag) + "' at byte " + start
                        + " is too small to hold its form type: the file is damaged; save the scene from Maya again");
            }
            formType = readInt(start);
        }
        return new IffChunk(tag, start, dataStart, size, formType);
    }

    /** Reads a chunk's data (at most {@code limit} bytes, else an error) and moves past its padding. */
    byte[] data(IffChunk c, long groupEnd, long limit) throws IOException {
        if (c.size() > limit) {
            throw new MayaSceneException(source + ": chunk '" + c.tagName() + "' at byte " + c.start() + " holds "
                    + ReadLimit.megabytes(c.size()) + ", more than the " + ReadLimit.megabytes(limit)
                    + " this reader keeps in memory: the file is damaged or not a Maya Binary scene");
        }
        if (c.end() > length) {
            throw truncated(c.start());
        }
        byte[] d = in.readNBytes((int) c.size());
        pos += d.length;
        if (d.length != c.size()) {
            throw truncated(c.start());
        }
        skipPadding(c, groupEnd);
        return d;
    }

    /** Moves past a chunk's data and padding without reading it. */
    void skip(IffChunk c, long groupEnd) throws IOException {
        skipTo(c.end(), c.start());
        skipPadding(c, groupEnd);
    }

    /** The error for a file that ends inside the chunk starting at {@code start}. */
    MayaSceneException truncated(long start) {
        return new MayaSceneException(source + " ends at byte " + length + ", inside the chunk that starts at byte " + start
                + ": the file is truncated (saved or copied only in part); save the scene from Maya again");
    }

    private void skipPadding(IffChunk c, long groupEnd) throws IOException {
        int align = wide ? 8 : 4;
        long padded = c.dataStart() + ((c.size() + align - 1) / align) * align;
        // The last chunk of a file may end without its padding.
        skipTo(Math.min(Math.min(padded, groupEnd), length), c.start());
    }

    private int readInt(long chunkStart) throws IOException {
        if (pos + 4 > length) {
            throw truncated(chunkStart);
        }
        byte[] b = in.readNBytes(4);
        pos += b.length;
        if (b.length != 4) {
            throw truncated(chunkStart);
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private long readLong(long chunkStart) throws IOException {
        long hi = readInt(chunkStart) & 0xFFFFFFFFL;
        return (hi << 32) | (readInt(chunkStart) & 0xFFFFFFFFL);
    }

    private void skipTo(long target, long chunkStart) throws IOException {
        if (target > length) {
            throw truncated(chunkStart);
        }
        if (target > pos) {
            try {
                in.skipNBytes(target - pos);
            } catch (EOFException e) {
                throw truncated(chunkStart);
            }
            pos = target;
        }
    }
}

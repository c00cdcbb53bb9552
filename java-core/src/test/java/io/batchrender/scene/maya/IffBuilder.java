package io.batchrender.scene.maya;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small synthetic Maya IFF files for unit tests, in the layout the real FOR8 files show: header = tag,
 * (FOR8: 4 unused bytes), big-endian size; leaf data padded to 8 (FOR8) or 4 (FOR4); a group's data is its form
 * type then its children, not padded.
 */
final class IffBuilder {

    private final boolean wide;

    IffBuilder(boolean wide) {
        this.wide = wide;
    }

    byte[] group(String tag, String formType, byte[]... children) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(ascii(formType));
        for (byte[] c : children) {
            data.writeBytes(c);
        }
        return chunk(tag, data.toByteArray(), false);
    }

    /** A Maya scene: {@code FORx Maya} around the children. */
    byte[] scene(byte[]... children) {
        return group(wide ? "FOR8" : "FOR4", "Maya", children);
    }

    /** A node or header group: {@code FORx} with the given form type. */
    byte[] form(String formType, byte[]... children) {
        return group(wide ? "FOR8" : "FOR4", formType, children);
    }

    /** {@code LIS} + 4 or 8. */
    String wideTag(String prefix) {
        return prefix + (wide ? "8" : "4");
    }

    byte[] leaf(String tag, byte[] data) {
        return chunk(tag, data, true);
    }

    /** NUL-terminated strings back to back. */
    static byte[] strings(String... s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String x : s) {
            out.writeBytes(x.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] chunk(String tag, byte[] data, boolean pad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(tag));
        if (wide) {
            out.writeBytes(new byte[4]);
            long n = data.length;
            for (int i = 7; i >= 0; i--) {
                out.write((int) (n >>> (8 * i)));
            }
        } else {
            for (int i = 3; i >= 0; i--) {
                out.write(data.length >>> (8 * i));
            }
        }
        out.writeBytes(data);
        int align = wide ? 8 : 4;
        if (pad) {
            out.writeBytes(new byte[(align - data.length % align) % align]);
        }
        return out.toByteArray();
    }
}

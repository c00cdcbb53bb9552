package io.batchrender.watch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Set;
import javax.imageio.ImageIO;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.libc.LibCStdlib;
import org.lwjgl.util.tinyexr.TinyEXR;

/**
 * Thumbnails of OpenEXR images in this process, with no program installed: TinyEXR (through
 * LWJGL's bindings) reads the image's RGBA as linear floats, which are averaged down to the
 * thumbnail's size and written as sRGB.
 */
final class ExrThumbnails implements ThumbnailConverter {

    private static final Set<String> EXTENSIONS = Set.of("exr");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Override
    public boolean reads(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public void convert(Path image, Path png, int maxSize) throws IOException {
        if (!ImageIO.write(read(image, maxSize), "png", png.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /** The image at most {@code maxSize} pixels on its longer side, sRGB with its alpha. */
    static BufferedImage read(Path image, int maxSize) throws IOException {
        try {
            return load(image, maxSize);
        } catch (LinkageError e) {   // no TinyEXR native library for this platform: another converter may do
            throw new IOException("TinyEXR cannot run here (" + e + ")", e);
        }
    }

    private static BufferedImage load(Path image, int maxSize) throws IOException {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer rgba = stack.mallocPointer(1);
            IntBuffer width = stack.mallocInt(1);
            IntBuffer height = stack.mallocInt(1);
            PointerBuffer error = stack.mallocPointer(1);
            // the default layer (layer name NULL, which LWJGL's checked overloads refuse): R, G, B, A as
            // TinyEXR's LoadEXR reads them (tinyexr.h: a missing A is 1; one channel is grey)
            ByteBuffer file = stack.UTF8(image.toString());
            int status = TinyEXR.nLoadEXRWithLayer(MemoryUtil.memAddress(rgba), MemoryUtil.memAddress(width),
                    MemoryUtil.memAddress(height), MemoryUtil.memAddress(file), MemoryUtil.NULL, MemoryUtil.memAddress(error));
            if (status != TinyEXR.TINYEXR_SUCCESS) {
                String reason = error.get(0) == MemoryUtil.NULL ? "error " + status : MemoryUtil.memUTF8(error.get(0));
                if (error.get(0) != MemoryUtil.NULL) {
                    TinyEXR.nFreeEXRErrorMessage(error.get(0));
                }
                throw new IOException(image.getFileName() + " is not an OpenEXR image TinyEXR reads: " + reason);
            }
            int w = width.get(0);
            int h = height.get(0);
            try {
                return scaled(MemoryUtil.memFloatBuffer(rgba.get(0), w * h * 4), w, h, maxSize);
            } finally {
                LibCStdlib.nfree(rgba.get(0));
            }
        }
    }

    /** Each thumbnail pixel is the mean of the source pixels it covers (linear light), then sRGB-encoded. */
    static BufferedImage scaled(FloatBuffer rgba, int w, int h, int maxSize) {
        double scale = Math.min(1.0, (double) maxSize / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        double[] sums = new double[tw * th * 4];
        int[] counts = new int[tw * th];
        for (int y = 0; y < h; y++) {
            int ty = Math.min(th - 1, (int) ((long) y * th / h));
            for (int x = 0; x < w; x++) {
                int tx = Math.min(tw - 1, (int) ((long) x * tw / w));
                int t = ty * tw + tx;
                int s = (y * w + x) * 4;
                for (int c = 0; c < 4; c++) {
                    float v = rgba.get(s + c);
                    sums[t * 4 + c] += Float.isFinite(v) ? v : 0;
                }
                counts[t]++;
            }
        }
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        for (int t = 0; t < tw * th; t++) {
            double n = counts[t];
            double a = clamp(sums[t * 4 + 3] / n);
            // EXR colour is premultiplied by alpha (openexr.com, "Technical Introduction": premultiplied
            // vs. un-premultiplied colour channels); PNG's is not
            int argb = ((int) Math.round(a * 255)) << 24;
            for (int c = 0; c < 3; c++) {
                double linear = a > 0 ? sums[t * 4 + c] / n / a : 0;
                argb |= (int) Math.round(srgb(clamp(linear)) * 255) << (16 - 8 * c);
            }
            out.setRGB(t % tw, t / tw, argb);
        }
        return out;
    }

    /** IEC 61966-2-1's sRGB encoding of a linear value in [0, 1]. */
    static double srgb(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}

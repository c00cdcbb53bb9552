package io.batchrender.watch;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import javax.imageio.ImageIO;

/** Thumbnails of PNG, JPEG, BMP and GIF through Java's own ImageIO, in this process. */
final class ImageIoThumbnails implements ThumbnailConverter {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Override
    public boolean reads(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public void convert(Path image, Path png, int maxSize) throws IOException {
        BufferedImage src = ImageIO.read(image.toFile());
        if (src == null) {
            throw new IOException(image.getFileName() + " is not an image ImageIO can read");
        }
        double scale = Math.min(1.0, (double) maxSize / Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage dst = new BufferedImage(w, h, src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        var g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(dst, "png", png.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }
}

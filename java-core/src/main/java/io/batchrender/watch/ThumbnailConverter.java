package io.batchrender.watch;

import java.io.IOException;
import java.nio.file.Path;

/** Makes a small PNG of one image file; one per family of formats (ImageIO's, EXR through a program, ...). */
public interface ThumbnailConverter {

    /** True when this converter reads files with this lower-case extension (no dot). */
    boolean reads(String extension);

    /**
     * Writes a PNG of {@code image} at most {@code maxSize} pixels on its longer side to
     * {@code png}. Throws when the image cannot be read.
     */
    void convert(Path image, Path png, int maxSize) throws IOException, InterruptedException;
}

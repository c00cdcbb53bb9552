package io.batchrender.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the small PNG the panel shows for each finished frame. A thumbnail that cannot be made is
 * logged and skipped: it never stops outputs from arriving.
 */
public final class Thumbnailer {

    /** The longer side of a thumbnail, in pixels. */
    public static final int SIZE = 256;

    private static final Logger LOG = Logger.getLogger(Thumbnailer.class.getName());

    private final List<ThumbnailConverter> converters;

    public Thumbnailer(List<ThumbnailConverter> converters) {
        this.converters = List.copyOf(converters);
    }

    /**
     * ImageIO for PNG/JPEG, TinyEXR for OpenEXR (no program needed), and oiiotool or Blender for TIFF,
     * HDR, DPX and the like (and EXR where TinyEXR cannot run) when this workstation has one.
     */
    public static Thumbnailer standard(Map<String, String> env) {
        List<ThumbnailConverter> list = new ArrayList<>();
        list.add(new ImageIoThumbnails());
        list.add(new ExrThumbnails());
        ProgramThumbnails.find(env).ifPresent(list::add);
        return new Thumbnailer(list);
    }

    /** The thumbnail's file name for an output name: '/' becomes '__', then {@code .png}. */
    public static String thumbnailName(String outputName) {
        return outputName.replace("/", "__") + ".png";
    }

    /** True when some converter reads this file's format. */
    public boolean reads(Path file) {
        String ext = extension(file.getFileName().toString());
        return converters.stream().anyMatch(c -> c.reads(ext));
    }

    /**
     * Writes the thumbnail of {@code image} (an output named {@code outputName}) into {@code folder};
     * returns its file name, or empty when no converter reads it or it failed.
     */
    public Optional<String> make(Path image, String outputName, Path folder) throws InterruptedException {
        String ext = extension(image.getFileName().toString());
        String name = thumbnailName(outputName);
        Path png = folder.resolve(name);
        Path temp = folder.resolve("." + name + ".tmp.png");
        // the first converter that reads the format and succeeds: TinyEXR in this process, else a program
        for (ThumbnailConverter converter : converters.stream().filter(c -> c.reads(ext)).toList()) {
            try {
                Files.createDirectories(folder);
                converter.convert(image, temp, SIZE);
                Files.move(temp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(name);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "no thumbnail for " + image + " by " + converter.getClass().getSimpleName()
                        + ": " + e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temp thumbnail is harmless
                }
            }
        }
        return Optional.empty();
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

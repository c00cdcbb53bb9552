package io.batchrender.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Thumbnails of formats Java cannot read (OpenEXR, TIFF, HDR, DPX, ...) through a program found on
 * this workstation: OpenImageIO's {@code oiiotool}, else Blender in the background. Command lines
 * are argument lists, never a shell string.
 */
final class ProgramThumbnails implements ThumbnailConverter {

    private static final Set<String> EXTENSIONS = Set.of("exr", "tif", "tiff", "hdr", "dpx", "tga", "cin", "jp2", "webp");
    private static final long TIMEOUT_S = 60;

    /** Blender: load the image, scale it, save it as PNG; arguments after "--": IN OUT MAX. */
    private static final String BLENDER_SCRIPT = String.join("\n",
            "import bpy, sys",
            "a = sys.argv[sys.argv.index('--') + 1:]",
            "img = bpy.data.images.load(a[0])",
            "w, h = img.size",
            "s = min(1.0, int(a[2]) / max(w, h))",
            "img.scale(max(1, round(w * s)), max(1, round(h * s)))",
            "img.filepath_raw = a[1]",
            "img.file_format = 'PNG'",
            "img.save()");

    private final Path program;
    private final boolean oiiotool;

    private ProgramThumbnails(Path program, boolean oiiotool) {
        this.program = program;
        this.oiiotool = oiiotool;
    }

    /** The converter this workstation has: oiiotool, else Blender ({@code $BLENDER} or PATH), else none. */
    static Optional<ProgramThumbnails> find(java.util.Map<String, String> env) {
        var locator = new io.batchrender.render.ProgramLocator(env);
        Optional<Path> oiio = locator.locate(io.batchrender.render.Program.named("oiiotool"));
        if (oiio.isPresent()) {
            return Optional.of(new ProgramThumbnails(oiio.get(), true));
        }
        return locator.locate(io.batchrender.render.BlenderRenderer.BLENDER).map(p -> new ProgramThumbnails(p, false));
    }

    @Override
    public boolean reads(String extension) {
        return EXTENSIONS.contains(extension);
    }

    List<String> command(Path image, Path png, int maxSize) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        if (oiiotool) {
            cmd.addAll(List.of(image.toString(), "--fit", maxSize + "x" + maxSize, "--ch", "R,G,B", "-d", "uint8",
                    "-o", png.toString()));
        } else {
            cmd.addAll(List.of("-b", "--factory-startup", "--python-exit-code", "1", "--python-expr", BLENDER_SCRIPT,
                    "--", image.toString(), png.toString(), Integer.toString(maxSize)));
        }
        return cmd;
    }

    @Override
    public void convert(Path image, Path png, int maxSize) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(image, png, maxSize)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(program.getFileName() + " took more than " + TIMEOUT_S + " s to make a thumbnail");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(png)) {
            throw new IOException(program.getFileName() + " could not make a thumbnail of " + image.getFileName()
                    + " (exit " + p.exitValue() + ")");
        }
    }
}

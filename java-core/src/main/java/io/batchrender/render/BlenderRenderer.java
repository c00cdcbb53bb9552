package io.batchrender.render;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Blender in background mode: {@code blender -b SCENE [-E ENGINE] -o PREFIX -F FORMAT -f N}. */
public final class BlenderRenderer implements Renderer {

    public static final Program BLENDER = new Program("blender", "BLENDER", "", "",
            "install Blender (Debian/Ubuntu: apt-get install blender; elsewhere blender.org) "
                    + "or set BLENDER to the blender executable.");

    private static final Set<String> ENGINES = Set.of("CYCLES", "BLENDER_EEVEE", "BLENDER_EEVEE_NEXT", "BLENDER_WORKBENCH");
    private static final Set<String> FORMATS = Set.of("PNG", "OPEN_EXR", "OPEN_EXR_MULTILAYER", "JPEG", "TIFF",
            "BMP", "TGA", "RAWTGA", "JP2", "HDR", "DPX", "CINEON", "WEBP");

    private final RenderOptions options;

    public BlenderRenderer(RenderOptions options) {
        this.options = options;
        options.engine().ifPresent(e -> {
            if (!ENGINES.contains(engineName(e))) {
                throw new RenderSetupException("Unknown Blender engine '" + e + "': use CYCLES, EEVEE or WORKBENCH.");
            }
        });
        options.format().ifPresent(f -> {
            if (!FORMATS.contains(f.toUpperCase(Locale.ROOT))) {
                throw new RenderSetupException("Unknown Blender image format '" + f + "': use one of "
                        + String.join(", ", FORMATS.stream().sorted().toList()) + ".");
            }
        });
    }

    @Override
    public String name() {
        return "blender";
    }

    @Override
    public boolean takesRanges() {
        return true;
    }

    @Override
    public void check(FrameSet frames, int chunkSize) {
        SceneFiles.requireBlend(options.scene());
        if (frames.frames().stream().anyMatch(f -> f < 0)) {
            throw new RenderSetupException("Blender's command line reads '-f -5' as 'five before the end frame', "
                    + "so negative frames cannot be rendered by number: shift the animation to start at 0 or later.");
        }
    }

    @Override
    public TaskCommand command(FrameChunk chunk) {
        List<String> args = new ArrayList<>(List.of("-b", options.scene().toString()));
        options.engine().ifPresent(e -> args.addAll(List.of("-E", engineName(e))));
        args.addAll(List.of("-o", TaskCommand.OUTPUT_DIR + "/" + options.imageBaseName() + "_####",
                "-F", options.format().map(f -> f.toUpperCase(Locale.ROOT)).orElse("PNG"), "-x", "1"));
        if (chunk.size() == 1) {
            args.addAll(List.of("-f", Integer.toString(chunk.start())));
        } else {
            args.addAll(List.of("-s", Integer.toString(chunk.start()), "-e", Integer.toString(chunk.end()),
                    "-j", Integer.toString(chunk.step()), "-a"));
        }
        return new TaskCommand(BLENDER, args, chunk.size());
    }

    /** Accepts the short names artists use (eevee, cycles, workbench). */
    static String engineName(String engine) {
        String upper = engine.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "EEVEE" -> "BLENDER_EEVEE";
            case "WORKBENCH" -> "BLENDER_WORKBENCH";
            default -> upper;
        };
    }
}

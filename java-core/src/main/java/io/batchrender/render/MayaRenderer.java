package io.batchrender.render;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maya's command-line renderer: {@code Render [-r NAME] -s START -e END -b STEP -rd DIR [-im PREFIX]
 * [-proj DIR] [-cam CAMERA] [-rl LAYER] SCENE}.
 */
public final class MayaRenderer implements Renderer {

    public static final Program RENDER = new Program("Render", "", "MAYA_LOCATION", "bin/Render",
            "install Maya on this machine and set MAYA_LOCATION to its folder (or put Maya's bin folder on PATH).");

    /** The names this tool accepts, and the {@code -r} value Maya's Render takes for each ("" = the scene's own). */
    public static final Map<String, String> RENDERERS = Map.of(
            "maya", "",
            "arnold", "arnold",
            "vray", "vray",
            "sw", "sw",
            "hw2", "hw2",
            "redshift", "redshift",
            "renderman", "renderman");

    private final String name;
    private final RenderOptions options;

    public MayaRenderer(String name, RenderOptions options) {
        if (!RENDERERS.containsKey(name)) {
            throw new RenderSetupException("'" + name + "' is not a Maya renderer: use one of "
                    + String.join(", ", RENDERERS.keySet().stream().sorted().toList()) + ".");
        }
        this.name = name;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean takesRanges() {
        return true;
    }

    @Override
    public void check(FrameSet frames, int chunkSize) {
        SceneFiles.requireMaya(options.scene());
        options.project().ifPresent(SceneFiles::requireFolder);
    }

    @Override
    public TaskCommand command(FrameChunk chunk) {
        List<String> args = new ArrayList<>();
        String flag = RENDERERS.get(name);
        if (!flag.isEmpty()) {
            args.addAll(List.of("-r", flag));
        }
        args.addAll(List.of("-s", Integer.toString(chunk.start()), "-e", Integer.toString(chunk.end()),
                "-b", Integer.toString(chunk.step()), "-rd", TaskCommand.OUTPUT_DIR));
        options.imageName().ifPresent(im -> args.addAll(List.of("-im", im)));
        options.project().ifPresent(p -> args.addAll(List.of("-proj", p.toString())));
        options.camera().ifPresent(c -> args.addAll(List.of("-cam", c)));
        options.layer().ifPresent(l -> args.addAll(List.of("-rl", l)));
        args.add(options.scene().toString());
        // every renderable layer writes each frame through each of its cameras (RenderOptions.imagesPerFrame)
        return new TaskCommand(RENDER, args, chunk.size() * options.imagesPerFrame());
    }
}

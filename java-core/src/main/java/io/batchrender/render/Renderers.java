package io.batchrender.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Picks the renderer for a name or a scene file. */
public final class Renderers {

    private Renderers() {
    }

    /** Every renderer name a scene can be submitted with. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of("blender"));
        names.addAll(MayaRenderer.RENDERERS.keySet().stream().sorted().toList());
        return names;
    }

    /** The renderer for a scene: the name given, or the one its extension implies. */
    public static Renderer forScene(Optional<String> name, RenderOptions options) {
        String chosen = name.map(n -> n.toLowerCase(Locale.ROOT)).orElseGet(() -> inferName(options.scene()));
        if (chosen.equals("blender")) {
            return new BlenderRenderer(options);
        }
        if (MayaRenderer.RENDERERS.containsKey(chosen)) {
            return new MayaRenderer(chosen, options);
        }
        throw new RenderSetupException("Unknown renderer '" + name.orElse(chosen) + "': use one of "
                + String.join(", ", names()) + ", or --command for any other program.");
    }

    static String inferName(Path scene) {
        String file = scene.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".blend")) {
            return "blender";
        }
        if (file.endsWith(".ma") || file.endsWith(".mb")) {
            return "maya";
        }
        throw new RenderSetupException("Cannot tell the renderer from '" + scene.getFileName()
                + "': name it with --renderer (" + String.join(", ", names()) + ").");
    }
}

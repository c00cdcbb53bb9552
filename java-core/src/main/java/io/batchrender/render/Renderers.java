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

    /**
     * A renderer this tool has command lines for, as a scene names it and as the artist sees it.
     *
     * @param sceneName Maya's {@code defaultRenderGlobals.currentRenderer} value ({@code mayaSoftware}), or
     *                  {@code blender} for a Blender scene
     * @param name      the name {@code --renderer} takes ({@code sw})
     * @param label     its name for the artist ({@code Maya Software})
     */
    public record Supported(String sceneName, String name, String label) {
    }

    /**
     * The renderers a scene can be submitted with, by the name its scene gives (the panel shows the scene's renderer
     * with this table, so it and the CLI agree on what is supported). Maya's names are its renderers' own
     * registrations: mtoa's {@code arnold}, {@code mayaSoftware}, {@code mayaHardware2}, V-Ray's {@code vray},
     * {@code redshift}, RenderMan's {@code renderman}.
     */
    public static List<Supported> supported() {
        return List.of(new Supported("arnold", "arnold", "Arnold"), new Supported("mayaSoftware", "sw", "Maya Software"),
                new Supported("mayaHardware2", "hw2", "Maya Hardware 2.0"), new Supported("vray", "vray", "V-Ray"),
                new Supported("redshift", "redshift", "Redshift"), new Supported("renderman", "renderman", "RenderMan"),
                new Supported("blender", "blender", "Blender"));
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

package io.batchrender.scene;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a scene sets no renderer, Maya renders with Maya Software; a renderer plug-in the scene
 * requires says what the artist probably meant. The hint is shown, never applied.
 */
public final class RendererHint {

    private static final Map<String, String> PLUGINS = Map.of(
            "mtoa", "arnold",
            "vrayformaya", "vray",
            "redshift4maya", "redshift",
            "RenderMan_for_Maya", "renderman",
            "RenderMan_for_Maya.py", "renderman");

    private RendererHint() {
    }

    /** A one-line hint, when the scene relies on Maya's default renderer but requires a renderer plug-in. */
    public static Optional<String> of(boolean rendererWritten, String renderer, List<String> plugins) {
        if (rendererWritten) {
            return Optional.empty();
        }
        return plugins.stream().filter(PLUGINS::containsKey).findFirst().map(p -> "the scene sets no renderer, so Maya renders"
                + " it with " + renderer + ", but it requires " + p + ": if it should render with " + PLUGINS.get(p)
                + ", choose it in Render Settings and save, or submit with --renderer " + PLUGINS.get(p));
    }
}

package io.batchrender.scene;

import java.util.List;

/**
 * What a scene file says about how to render it.
 *
 * @param renderer     the renderer ({@code arnold}, {@code mayaSoftware}, {@code renderman}, ...)
 * @param animation    whether it renders a frame range (off: the current frame only)
 * @param frames       the frames as a spec ({@code 1-10}, {@code 537} with animation off)
 * @param outputPrefix the image file prefix as written, {@code <Scene>} when the scene leaves it empty
 * @param imageFormat  the image format's extension ({@code exr}, {@code png}, {@code iff})
 * @param padding      frame number padding in file names
 * @param resolution   the image size
 * @param cameras      the renderable cameras (shape names)
 * @param layers       the render layers, the default one first
 */
public record RenderSettings(String renderer, boolean animation, String frames, String outputPrefix, String imageFormat,
                             int padding, Resolution resolution, List<String> cameras, List<RenderLayer> layers) {
    public RenderSettings {
        cameras = List.copyOf(cameras);
        layers = List.copyOf(layers);
    }
}

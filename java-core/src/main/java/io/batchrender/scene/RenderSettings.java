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
 * @param outputs      where each renderable layer's frames land through each of its cameras, relative to the
 *                     render's image folder (see {@link io.batchrender.scene.maya.MayaImagePaths})
 */
public record RenderSettings(String renderer, boolean animation, String frames, String outputPrefix, String imageFormat,
                             int padding, Resolution resolution, List<String> cameras, List<RenderLayer> layers,
                             List<ImageOutput> outputs) {
    public RenderSettings {
        cameras = List.copyOf(cameras);
        layers = List.copyOf(layers);
        outputs = List.copyOf(outputs);
    }

    /**
     * How many images one frame makes when Maya renders {@code layer} (its name or its legacy layer, all renderable
     * layers when empty) through {@code camera} (one camera when given, each layer's renderable ones when not).
     */
    public int imagesPerFrame(java.util.Optional<String> layer, java.util.Optional<String> camera) {
        int count = 0;
        for (RenderLayer l : layers) {
            boolean chosen = layer.map(n -> n.equals(l.name()) || n.equals("rs_" + l.name())
                    || (l.name().equals("masterLayer") && n.equals("defaultRenderLayer"))).orElse(l.renderable());
            if (chosen) {
                count += camera.isPresent() ? 1 : l.cameras().size();
            }
        }
        return count;
    }
}

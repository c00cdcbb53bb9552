package io.batchrender.scene;

import java.util.List;

/**
 * A render layer with its settings after the layer's overrides.
 *
 * @param name         the layer as the artist names it ({@code masterLayer} for Maya's default layer)
 * @param renderable   whether a batch render renders it
 * @param frames       its frames as a spec ({@code 1-10x2})
 * @param outputPrefix its image file prefix, tokens as written ({@code <Scene>/<RenderLayer>})
 * @param resolution   its image size
 * @param cameras      the cameras it renders
 */
public record RenderLayer(String name, boolean renderable, String frames, String outputPrefix, Resolution resolution,
                          List<String> cameras) {
    public RenderLayer {
        cameras = List.copyOf(cameras);
    }
}

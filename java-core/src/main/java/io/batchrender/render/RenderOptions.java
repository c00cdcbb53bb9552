package io.batchrender.render;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a renderer needs beyond the frames. Empty optionals mean "as the scene says".
 *
 * @param scene      the scene file (absolute)
 * @param imageName  the base name of the output images (default: the scene's, for Blender; the scene's prefix, for Maya)
 * @param engine     Blender's engine override (CYCLES, BLENDER_EEVEE, BLENDER_WORKBENCH)
 * @param format     the image format (Blender: PNG, OPEN_EXR, JPEG, ...)
 * @param camera     Maya: the camera to render
 * @param layer      Maya: the render layer to render
 * @param project    Maya: the project folder
 * @param imagesPerFrame how many images one frame makes (Maya: one per renderable layer and camera, as the scan
 *                   of the scene says); a task must leave at least its frames times this many files
 */
public record RenderOptions(Path scene, Optional<String> imageName, Optional<String> engine, Optional<String> format,
                            Optional<String> camera, Optional<String> layer, Optional<Path> project, int imagesPerFrame) {

    public RenderOptions {
        if (imagesPerFrame < 1) {
            throw new IllegalArgumentException("imagesPerFrame must be 1 or more");
        }
    }

    public static RenderOptions forScene(Path scene) {
        return new RenderOptions(scene, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1);
    }

    public RenderOptions withImageName(Optional<String> value) {
        return new RenderOptions(scene, value, engine, format, camera, layer, project, imagesPerFrame);
    }

    public RenderOptions withEngine(Optional<String> value) {
        return new RenderOptions(scene, imageName, value, format, camera, layer, project, imagesPerFrame);
    }

    public RenderOptions withFormat(Optional<String> value) {
        return new RenderOptions(scene, imageName, engine, value, camera, layer, project, imagesPerFrame);
    }

    public RenderOptions withCamera(Optional<String> value) {
        return new RenderOptions(scene, imageName, engine, format, value, layer, project, imagesPerFrame);
    }

    public RenderOptions withLayer(Optional<String> value) {
        return new RenderOptions(scene, imageName, engine, format, camera, value, project, imagesPerFrame);
    }

    public RenderOptions withProject(Optional<Path> value) {
        return new RenderOptions(scene, imageName, engine, format, camera, layer, value, imagesPerFrame);
    }

    public RenderOptions withImagesPerFrame(int value) {
        return new RenderOptions(scene, imageName, engine, format, camera, layer, project, value);
    }

    /** The image base name: the one given, else the scene's file name without extension. */
    public String imageBaseName() {
        return imageName.orElseGet(() -> baseName(scene));
    }

    static String baseName(Path scene) {
        String file = scene.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}

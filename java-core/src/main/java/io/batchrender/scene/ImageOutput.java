package io.batchrender.scene;

/**
 * One image sequence a render writes: a render layer seen through one camera.
 *
 * @param layer  the render layer as the artist names it ({@code masterLayer} for Maya's default layer)
 * @param camera the camera's transform ({@code persp}), as Maya's {@code -cam} and {@code <Camera>} name it
 * @param path   where its frames land, relative to the render's image folder ({@code Render -rd}), the frame
 *               number written as one {@code #} per digit of padding ({@code rs_beauty/camera1/shot.####.exr})
 */
public record ImageOutput(String layer, String camera, String path) {
}

package io.batchrender.scene;

/** An image size in pixels. */
public record Resolution(int width, int height) {
    @Override
    public String toString() {
        return width + "x" + height;
    }
}

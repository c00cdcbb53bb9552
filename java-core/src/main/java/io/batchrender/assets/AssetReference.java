package io.batchrender.assets;

import java.util.Objects;

/**
 * One file-bearing attribute of a scene, as the scene reader found it.
 *
 * @param node          the node's name, e.g. {@code file1}
 * @param nodeType      the node's type, e.g. {@code file}, {@code cacheFile}
 * @param attribute     the attribute, e.g. {@code ftn}
 * @param path          the path exactly as written in the scene
 * @param tiling        the node's {@code uvTilingMode} ({@link TilingMode#OFF} for other nodes)
 * @param frameSequence the node's {@code useFrameExtension}: the written frame number stands for a sequence
 */
public record AssetReference(String node, String nodeType, String attribute, String path, TilingMode tiling,
        boolean frameSequence) {

    public AssetReference {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tiling, "tiling");
    }

    /** A reference to one file, no tiling, no frame sequence. */
    public static AssetReference of(String node, String nodeType, String attribute, String path) {
        return new AssetReference(node, nodeType, attribute, path, TilingMode.OFF, false);
    }
}

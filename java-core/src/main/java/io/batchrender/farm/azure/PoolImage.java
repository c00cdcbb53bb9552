package io.batchrender.farm.azure;

/**
 * The image a pool's nodes boot. Azure retired the rendering images on 29 Feb 2024, so it is
 * either a custom image in an Azure Compute Gallery (the renderer installed: the recommended
 * route), or a marketplace image whose start task installs Blender from apt.
 */
public sealed interface PoolImage {

    /** The node agent SKU Batch needs for the image ({@code batch.node.ubuntu 22.04}). */
    String nodeAgentSku();

    /** An Azure Compute Gallery image version or definition, by its resource id. */
    record Gallery(String imageId, String nodeAgentSku) implements PoolImage {
        public Gallery {
            if (imageId == null || !imageId.startsWith("/subscriptions/")) {
                throw new IllegalArgumentException("A Compute Gallery image is named by its resource id "
                        + "(/subscriptions/.../galleries/G/images/I[/versions/V]).");
            }
        }
    }

    /** A marketplace image; its nodes get Blender through the pool's start task. */
    record Marketplace(String publisher, String offer, String sku, String version, String nodeAgentSku) implements PoolImage {
        /** Ubuntu 22.04 LTS, which Blender installs on from apt. */
        public static Marketplace ubuntu2204() {
            return new Marketplace("canonical", "0001-com-ubuntu-server-jammy", "22_04-lts", "latest", "batch.node.ubuntu 22.04");
        }
    }
}

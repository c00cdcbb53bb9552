package io.batchrender.farm;

import java.util.Locale;
import java.util.Optional;

/**
 * The image a pool's nodes boot. Azure retired the rendering images on 29 Feb 2024, so it is
 * either a custom image in an Azure Compute Gallery (the renderer installed: the recommended
 * route), or a marketplace image (Ubuntu's start task installs Blender from apt).
 */
public sealed interface PoolImage {

    /**
     * The node agent SKU Batch needs for the image ({@code batch.node.ubuntu 22.04}); "" for a marketplace image
     * whose SKU the farm looks up in the service's supported images ({@link io.batchrender.farm.azure.SupportedImages}).
     */
    String nodeAgentSku();

    /** Whether the nodes run Windows (by the node agent: {@code batch.node.windows amd64}). */
    default boolean windows() {
        return nodeAgentSku().toLowerCase(Locale.ROOT).startsWith("batch.node.windows");
    }

    /**
     * An image from what an artist types: empty for Ubuntu 22.04 (Blender installed by the start task), a
     * Compute Gallery resource id, or {@code publisher:offer:sku[:version]}.
     *
     * @param nodeAgentSku the gallery image's node agent SKU (Batch cannot tell it); for a marketplace image
     *                     empty means "look it up"
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    static PoolImage parse(String image, Optional<String> nodeAgentSku) {
        String s = image == null ? "" : image.strip();
        Optional<String> agent = nodeAgentSku.map(String::strip).filter(x -> !x.isEmpty());
        if (s.isEmpty()) {
            return Marketplace.ubuntu2204();
        }
        if (s.startsWith("/subscriptions/")) {
            return new Gallery(s, agent.orElse(Gallery.DEFAULT_AGENT));
        }
        String[] parts = s.split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("'" + s + "' is not an image: give a Compute Gallery image id"
                    + " (/subscriptions/...) or publisher:offer:sku[:version], or leave it empty for Ubuntu 22.04.");
        }
        return new Marketplace(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : "latest", agent.orElse(""));
    }

    /** An Azure Compute Gallery image version or definition, by its resource id. */
    record Gallery(String imageId, String nodeAgentSku) implements PoolImage {
        /** What a gallery image built on Ubuntu 22.04 needs; others say theirs. */
        public static final String DEFAULT_AGENT = "batch.node.ubuntu 22.04";

        public Gallery {
            if (imageId == null || !imageId.startsWith("/subscriptions/")) {
                throw new IllegalArgumentException("A Compute Gallery image is named by its resource id "
                        + "(/subscriptions/.../galleries/G/images/I[/versions/V]).");
            }
        }
    }

    /** A marketplace image; Ubuntu and Debian nodes get Blender through the pool's start task. */
    record Marketplace(String publisher, String offer, String sku, String version, String nodeAgentSku) implements PoolImage {
        /** Ubuntu 22.04 LTS, which Blender installs on from apt; its node agent SKU looked up from the service. */
        public static Marketplace ubuntu2204() {
            return new Marketplace("canonical", "0001-com-ubuntu-server-jammy", "22_04-lts", "latest", "");
        }

        public Marketplace withNodeAgentSku(String agent) {
            return new Marketplace(publisher, offer, sku, version, agent);
        }

        /** An apt-based image, where the start task can install Blender. */
        public boolean apt() {
            String a = nodeAgentSku.toLowerCase(Locale.ROOT);
            return a.startsWith("batch.node.ubuntu") || a.startsWith("batch.node.debian");
        }

        @Override
        public String toString() {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }
    }
}

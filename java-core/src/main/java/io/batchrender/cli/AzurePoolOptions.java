package io.batchrender.cli;

import io.batchrender.farm.azure.PoolImage;
import io.batchrender.farm.azure.PoolSpec;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that describe an Azure pool: VM size, node counts, slots, image, autoscale. */
final class AzurePoolOptions {

    @Option(names = "--vm-size", paramLabel = "SIZE", defaultValue = "standard_d4s_v5",
            description = "Azure: the VM size (default: ${DEFAULT-VALUE}).")
    String vmSize = "standard_d4s_v5";

    @Option(names = "--dedicated", paramLabel = "N", defaultValue = "1", description = "Azure: dedicated nodes (default: ${DEFAULT-VALUE}).")
    int dedicated = 1;

    @Option(names = "--spot", paramLabel = "N", defaultValue = "0", description = "Azure: Spot (low-priority) nodes (default: ${DEFAULT-VALUE}).")
    int spot;

    @Option(names = "--slots-per-node", paramLabel = "N", defaultValue = "1",
            description = "Azure: tasks one node runs at once (default: ${DEFAULT-VALUE}).")
    int slotsPerNode = 1;

    @Option(names = "--image", paramLabel = "GALLERY_IMAGE_ID",
            description = "Azure: a Compute Gallery image with the renderer installed (default: Ubuntu 22.04 from the"
                    + " marketplace, Blender installed by the pool's start task).")
    String image;

    @Option(names = "--node-agent-sku", paramLabel = "SKU", defaultValue = "batch.node.ubuntu 22.04",
            description = "Azure: the node agent SKU of --image (default: ${DEFAULT-VALUE}).")
    String nodeAgentSku = "batch.node.ubuntu 22.04";

    @Option(names = "--autoscale-max", paramLabel = "N",
            description = "Azure: scale with the waiting tasks up to N dedicated nodes, down to 0 when idle, instead of fixed counts.")
    Integer autoscaleMax;

    PoolSpec spec(String id) {
        try {
            PoolImage img = image == null ? PoolImage.Marketplace.ubuntu2204() : new PoolImage.Gallery(image, nodeAgentSku);
            return new PoolSpec(id, vmSize, dedicated, spot, slotsPerNode, img,
                    Optional.ofNullable(autoscaleMax).map(max -> PoolSpec.followPendingTasks(max, slotsPerNode)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

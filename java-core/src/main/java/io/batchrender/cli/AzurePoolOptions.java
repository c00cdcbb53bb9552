package io.batchrender.cli;

import io.batchrender.farm.PoolImage;
import io.batchrender.farm.PoolSpec;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that describe an Azure pool: VM size, node counts, slots, image, autoscale. */
final class AzurePoolOptions {

    @Option(names = "--vm-size", paramLabel = "SIZE", defaultValue = io.batchrender.farm.Farms.DEFAULT_VM_SIZE,
            description = "Azure: the VM size (default: ${DEFAULT-VALUE}).")
    String vmSize = io.batchrender.farm.Farms.DEFAULT_VM_SIZE;

    @Option(names = "--dedicated", paramLabel = "N", defaultValue = "1", description = "Azure: dedicated nodes (default: ${DEFAULT-VALUE}).")
    int dedicated = 1;

    @Option(names = "--spot", paramLabel = "N", defaultValue = "0", description = "Azure: Spot (low-priority) nodes (default: ${DEFAULT-VALUE}).")
    int spot;

    @Option(names = "--slots-per-node", paramLabel = "N", defaultValue = "1",
            description = "Azure: tasks one node runs at once (default: ${DEFAULT-VALUE}).")
    int slotsPerNode = 1;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Azure: a Compute Gallery image with the renderer installed (its resource id), or a marketplace"
                    + " image as publisher:offer:sku[:version] (default: Ubuntu 22.04, Blender installed by the pool's"
                    + " start task).")
    String image;

    @Option(names = "--node-agent-sku", paramLabel = "SKU",
            description = "Azure: the node agent SKU of a Compute Gallery --image (default: batch.node.ubuntu 22.04;"
                    + " e.g. 'batch.node.windows amd64', 'batch.node.el 9'); a marketplace image's is looked up from Batch.")
    String nodeAgentSku;

    @Option(names = "--subnet", paramLabel = "SUBNET_ID",
            description = "Azure: the virtual network subnet the nodes join, by resource id, e.g. to reach a license server"
                    + " on the studio's network (/subscriptions/S/resourceGroups/G/providers/Microsoft.Network/"
                    + "virtualNetworks/V/subnets/N).")
    String subnet;

    @Option(names = "--autoscale-max", paramLabel = "N",
            description = "Azure: scale with the waiting tasks up to N dedicated nodes, down to 0 when idle, instead of fixed counts.")
    Integer autoscaleMax;

    PoolSpec spec(String id) {
        try {
            PoolImage img = PoolImage.parse(image, Optional.ofNullable(nodeAgentSku));
            return new PoolSpec(id, vmSize, dedicated, spot, slotsPerNode, img,
                    Optional.ofNullable(autoscaleMax).map(max -> PoolSpec.followPendingTasks(max, slotsPerNode)),
                    Optional.ofNullable(subnet));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

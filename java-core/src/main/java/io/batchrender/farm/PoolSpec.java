package io.batchrender.farm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pool to create (persistent, or the template of an auto-pool).
 *
 * @param id              the pool's id (ignored for an auto-pool: the service names it)
 * @param vmSize          the VM size ({@code standard_d4s_v5})
 * @param dedicatedNodes  dedicated nodes
 * @param spotNodes       Spot (low-priority) nodes
 * @param taskSlotsPerNode tasks a node runs at once
 * @param image           what the nodes boot
 * @param autoScaleFormula when present, the pool scales by this formula instead of fixed counts
 * @param subnetId        the virtual network subnet the nodes join (to reach a license server on the studio's
 *                        network), by its resource id; empty: Batch's own network
 */
public record PoolSpec(String id, String vmSize, int dedicatedNodes, int spotNodes, int taskSlotsPerNode,
                       PoolImage image, Optional<String> autoScaleFormula, Optional<String> subnetId) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** NetworkConfiguration.subnetId: https://learn.microsoft.com/rest/api/batchservice/pool/add. */
    private static final Pattern SUBNET = Pattern.compile(
            "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+");

    /** A pool on Batch's own network. */
    public PoolSpec(String id, String vmSize, int dedicatedNodes, int spotNodes, int taskSlotsPerNode, PoolImage image,
                    Optional<String> autoScaleFormula) {
        this(id, vmSize, dedicatedNodes, spotNodes, taskSlotsPerNode, image, autoScaleFormula, Optional.empty());
    }

    /** The same pool booting {@code other}. */
    public PoolSpec withImage(PoolImage other) {
        return new PoolSpec(id, vmSize, dedicatedNodes, spotNodes, taskSlotsPerNode, other, autoScaleFormula, subnetId);
    }

    /** The same pool in the subnet {@code subnet} (a resource id). */
    public PoolSpec withSubnet(String subnet) {
        return new PoolSpec(id, vmSize, dedicatedNodes, spotNodes, taskSlotsPerNode, image, autoScaleFormula,
                Optional.of(subnet));
    }

    /**
     * Follows the pending tasks: as many nodes as waiting tasks need (up to {@code maxNodes}),
     * shrinking to 0 when idle; running tasks finish before their node goes.
     */
    public static String followPendingTasks(int maxNodes, int slotsPerNode) {
        return "$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5);\n"
                + "$tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 5)));\n"
                + "$TargetDedicatedNodes = min(" + maxNodes + ", ($tasks + " + (slotsPerNode - 1) + ") / " + slotsPerNode + ");\n"
                + "$NodeDeallocationOption = taskcompletion;";
    }

    public PoolSpec {
        if (id != null && !id.isEmpty() && !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Pool id '" + id + "' is not valid: use up to 64 letters, digits, - and _.");
        }
        if (vmSize == null || vmSize.isBlank()) {
            throw new IllegalArgumentException("A pool needs a VM size, e.g. standard_d4s_v5.");
        }
        if (dedicatedNodes < 0 || spotNodes < 0) {
            throw new IllegalArgumentException("Node counts must be 0 or more.");
        }
        if (taskSlotsPerNode < 1 || taskSlotsPerNode > 256) {
            throw new IllegalArgumentException("Task slots per node must be 1 to 256.");
        }
        // "The maximum value is the smaller of 4 times the number of cores of the vmSize of the pool or 256"
        // (taskSlotsPerNode, https://learn.microsoft.com/rest/api/batchservice/pool/add)
        java.util.OptionalInt cores = VmCores.of(vmSize);
        if (cores.isPresent() && taskSlotsPerNode > 4 * cores.getAsInt()) {
            throw new IllegalArgumentException(vmSize + " has " + cores.getAsInt() + " vCPUs, so a node runs at most "
                    + 4 * cores.getAsInt() + " tasks at once: lower the task slots per node, or choose a bigger VM size.");
        }
        autoScaleFormula = autoScaleFormula == null ? Optional.empty() : autoScaleFormula;
        subnetId = subnetId == null ? Optional.empty() : subnetId.map(String::strip).filter(x -> !x.isEmpty());
        if (subnetId.isPresent() && !SUBNET.matcher(subnetId.get()).matches()) {
            throw new IllegalArgumentException("'" + subnetId.get() + "' is not a subnet: give its resource id,"
                    + " /subscriptions/S/resourceGroups/G/providers/Microsoft.Network/virtualNetworks/V/subnets/N.");
        }
    }
}

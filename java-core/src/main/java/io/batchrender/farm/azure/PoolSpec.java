package io.batchrender.farm.azure;

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
 */
public record PoolSpec(String id, String vmSize, int dedicatedNodes, int spotNodes, int taskSlotsPerNode,
                       PoolImage image, Optional<String> autoScaleFormula) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
        autoScaleFormula = autoScaleFormula == null ? Optional.empty() : autoScaleFormula;
    }
}

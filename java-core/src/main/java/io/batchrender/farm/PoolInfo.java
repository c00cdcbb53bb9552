package io.batchrender.farm;

/**
 * A pool: where tasks run. On the local farm the pool is this workstation (one node) and a slot is
 * one task at a time; on Azure Batch it is a pool of VMs.
 *
 * @param id              the pool's id ({@code local} on the workstation)
 * @param targetSlots     how many tasks may run at once when the pool reaches its target
 * @param runningTasks    how many run now
 * @param state           a word for people: "rendering", "idle", "paused", "resizing", "deleting"
 * @param allocationState {@code steady} or {@code resizing}, as Azure Batch says
 * @param vmSize          the VM size ({@code workstation} on the local farm)
 * @param currentDedicatedNodes dedicated nodes now
 * @param targetDedicatedNodes  dedicated nodes asked for
 * @param currentSpotNodes      Spot (low-priority) nodes now
 * @param targetSpotNodes       Spot nodes asked for
 * @param taskSlotsPerNode      tasks one node runs at once
 */
public record PoolInfo(String id, int targetSlots, int runningTasks, String state, String allocationState,
                       String vmSize, int currentDedicatedNodes, int targetDedicatedNodes, int currentSpotNodes,
                       int targetSpotNodes, int taskSlotsPerNode) {

    /** The workstation's pool: one node whose slots are the tasks it runs at once. */
    public PoolInfo(String id, int targetSlots, int runningTasks, String state) {
        this(id, targetSlots, runningTasks, state, "steady", "workstation", 1, 1, 0, 0, targetSlots);
    }
}

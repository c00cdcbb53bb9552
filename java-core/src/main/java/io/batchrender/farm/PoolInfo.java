package io.batchrender.farm;

/**
 * A pool: where tasks run. On the local farm the pool is this workstation and a slot is one task at a time.
 *
 * @param id          the pool's id ({@code local})
 * @param targetSlots how many tasks may run at once
 * @param runningTasks how many run now
 * @param state       a word for people: "rendering", "idle", "paused"
 */
public record PoolInfo(String id, int targetSlots, int runningTasks, String state) {
}

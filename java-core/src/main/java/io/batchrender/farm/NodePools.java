package io.batchrender.farm;

import java.time.Duration;

/**
 * What a farm of machines in pools has beyond {@link RenderFarm} (Azure Batch): persistent pools
 * created and deleted, sized by nodes, and nodes whose job preparation failed replaced. Asked for
 * with {@link RenderFarm#nodePools()}; the local farm has none of it (one pool, this workstation).
 */
public interface NodePools {

    void createPool(PoolSpec spec);

    void deletePool(String poolId);

    /** Returns when the pool is gone (so one of the same id can be created), or throws after {@code timeout}. */
    void awaitPoolGone(String poolId, Duration timeout);

    /** Sets the pool's dedicated and Spot node counts; returns what had to be done first, one line, or "". */
    String resizeNodes(String poolId, int dedicated, int spot, ShrinkPolicy policy);

    /** Replaces the nodes where the job's preparation failed; one line saying what was done, or "" when none had. */
    String replaceFailedNodes(String jobId);
}

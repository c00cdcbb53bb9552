package io.batchrender.farm;

/** Where a job runs: the three choices of the Batch plug-in for Maya. */
public sealed interface PoolChoice {

    /** A pool made for this job alone, deleted by the service when the job ends. */
    record AutoPool(PoolSpec template) implements PoolChoice {
    }

    /** A persistent pool that already exists. */
    record Existing(String poolId) implements PoolChoice {
    }

    /** A persistent pool created now and kept after the job. */
    record NewPool(PoolSpec spec) implements PoolChoice {
    }
}

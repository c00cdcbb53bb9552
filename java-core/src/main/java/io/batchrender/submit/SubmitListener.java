package io.batchrender.submit;

import io.batchrender.storage.SyncProgress;

/** Hears how a submission goes: each step ("Checking the scene and frames.", "Submitting N task(s)."), and an upload's progress. */
public interface SubmitListener {

    SubmitListener NONE = new SubmitListener() {
    };

    /** A sync snapshot (a few times a second, from one thread; keep it quick). */
    default void upload(SyncProgress progress) {
    }

    /** A step, one line. */
    default void step(String message) {
    }
}

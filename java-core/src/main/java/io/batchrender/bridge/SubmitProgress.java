package io.batchrender.bridge;

import io.batchrender.storage.SyncProgress;
import io.batchrender.submit.SubmitListener;

/** A submission's steps and upload as an operation's progress: bytes, rate and time left while uploading, then each step. */
final class SubmitProgress implements SubmitListener {

    private final OperationContext ctx;
    private volatile long done;
    private volatile long total;

    SubmitProgress(OperationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void upload(SyncProgress p) {
        done = p.bytesDone();
        total = p.bytesTotal();
        ctx.progress(p.bytesDone(), p.bytesTotal(), p.bytesPerSecond(), AssetCalls.message(p));
    }

    @Override
    public void step(String message) {
        ctx.progress(done, total, 0, message);
    }
}

package io.batchrender.bridge;

import com.google.gson.JsonElement;

/**
 * The work of an operation: runs on a background thread, reports progress through the context,
 * returns its result as JSON or throws (the exception becomes the operation's typed error).
 * An asset-project sync is one more of these: {@code ops.start("sync", true, ctx -> sync(..., ctx))}.
 */
@FunctionalInterface
public interface OperationWork {
    JsonElement run(OperationContext ctx) throws Exception;
}

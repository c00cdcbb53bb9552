package io.batchrender.storage;

/** A file or blob that was not transferred, and why (one line, no secrets). */
public record FileFailure(String path, String reason) {
}

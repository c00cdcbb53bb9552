package io.batchrender.watch;

import java.time.Instant;
import java.util.Optional;

/**
 * One output the watcher has in the destination, verified.
 *
 * @param name      its path relative to the destination, '/'-separated
 * @param taskId    the task that wrote it
 * @param size      its length in bytes
 * @param sha256    its SHA-256 as written, to tell later whether it is still intact
 * @param thumbnail the thumbnail's file name in the watcher's thumbnail folder, when one could be made
 * @param fetched   when it landed
 */
public record FetchedFile(String name, String taskId, long size, String sha256, Optional<String> thumbnail,
                          Instant fetched) {
}

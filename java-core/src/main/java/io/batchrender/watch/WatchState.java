package io.batchrender.watch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a watcher has done so far, as saved in its state file after every output.
 *
 * @param jobId          the job it follows
 * @param destination    where the outputs go
 * @param status         where it is in its life
 * @param pid            the process that runs (or ran) it
 * @param started        when that process started
 * @param updated        when the state was last saved
 * @param message        one line for people: what it is doing or why it stopped
 * @param tasksTotal     the job's tasks
 * @param tasksFetched   the tasks whose outputs are all in the destination
 * @param files          the outputs in the destination, verified, in the order they landed
 * @param failures       outputs it gave up on, with the reason
 */
public record WatchState(String jobId, Path destination, WatchStatus status, long pid, Instant started,
                         Instant updated, String message, int tasksTotal, int tasksFetched, List<FetchedFile> files,
                         List<String> failures) {

    public WatchState {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    /** The thumbnail of the output that landed last and has one. */
    public Optional<String> latestThumbnail() {
        for (int i = files.size() - 1; i >= 0; i--) {
            if (files.get(i).thumbnail().isPresent()) {
                return files.get(i).thumbnail();
            }
        }
        return Optional.empty();
    }

    public WatchState withStatus(WatchStatus s, String why, Instant now) {
        return new WatchState(jobId, destination, s, pid, started, now, why, tasksTotal, tasksFetched, files, failures);
    }
}

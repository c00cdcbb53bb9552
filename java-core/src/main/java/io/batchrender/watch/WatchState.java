package io.batchrender.watch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a watcher has done so far, as saved in its state file after every output: the state file holds the counts
 * and the latest thumbnail, never the list of files (that is the append-only journal), so saving costs the same for
 * the 100,000th output as for the first.
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
 * @param filesFetched   how many outputs are in the destination, verified
 * @param latestThumbnail the thumbnail of the output that landed last and has one
 * @param files          the outputs in the destination, verified, in the order they landed, when read whole (from
 *                       the journal: {@link WatchStateFile#read}, the end of {@link Watcher#run}); empty otherwise
 * @param failures       outputs it gave up on, with the reason
 */
public record WatchState(String jobId, Path destination, WatchStatus status, long pid, Instant started,
                         Instant updated, String message, int tasksTotal, int tasksFetched, int filesFetched,
                         Optional<String> latestThumbnail, List<FetchedFile> files, List<String> failures) {

    public WatchState {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    /** The same state with every landed file, as the journal lists them (the count and latest thumbnail from them). */
    public WatchState withFiles(List<FetchedFile> landed) {
        Optional<String> latest = latestThumbnail;
        for (int i = landed.size() - 1; i >= 0; i--) {
            if (landed.get(i).thumbnail().isPresent()) {
                latest = landed.get(i).thumbnail();
                break;
            }
        }
        return new WatchState(jobId, destination, status, pid, started, updated, message, tasksTotal, tasksFetched,
                Math.max(filesFetched, landed.size()), latest, landed, failures);
    }

    public WatchState withStatus(WatchStatus s, String why, Instant now) {
        return new WatchState(jobId, destination, s, pid, started, now, why, tasksTotal, tasksFetched, filesFetched,
                latestThumbnail, files, failures);
    }
}

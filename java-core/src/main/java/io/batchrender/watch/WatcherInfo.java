package io.batchrender.watch;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * A watcher as {@code batchrender watchers} lists it: its saved state, with the status corrected
 * by whether a process holds its lock now.
 *
 * @param state      its saved state ({@code status} INTERRUPTED when it says running but nothing runs)
 * @param log        its log file
 * @param thumbnails the folder of its thumbnails
 */
public record WatcherInfo(WatchState state, Path log, Path thumbnails) {

    public boolean running() {
        return state.status() == WatchStatus.RUNNING;
    }

    /** Its JSON; {@code withFiles}: also every landed file (a long list for a long job). */
    public JsonObject toJson(boolean withFiles) {
        JsonObject o = WatchStateFile.toJson(state, withFiles);
        o.addProperty("log", log.toString());
        o.addProperty("thumbnailDir", thumbnails.toString());
        state.latestThumbnail().ifPresent(t -> o.addProperty("latestThumbnailPath", thumbnails.resolve(t).toString()));
        return o;
    }
}

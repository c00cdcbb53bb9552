package io.batchrender.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.settings.StateHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: a watcher of 100,000 outputs saves and is asked about in time and bytes that do not grow with them. */
class WatchStateFileTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-12-07T22:00:00Z");

    private static FetchedFile file(String name, Optional<String> thumbnail) {
        return new FetchedFile(name, "1", 10, "ab", thumbnail, T);
    }

    @Test
    void theStateFileHoldsTheCountAndLatestThumbnailAndIsReadWithoutTheJournal() throws Exception {
        WatchPaths paths = new WatchPaths(new StateHome(dir), "shot-1");
        for (int i = 1; i <= 3; i++) {
            FileJournal.append(paths.journal(), file("f" + i + ".png", i == 3 ? Optional.empty() : Optional.of("f" + i + ".png.png")));
        }
        WatchState saved = new WatchState("shot-1", dir.resolve("dest"), WatchStatus.RUNNING, 42, T, T, "Fetched f3.png.",
                100_000, 3, 100_000, Optional.of("f2.png.png"), List.of(), List.of());
        WatchStateFile.write(paths, saved);

        assertTrue(Files.size(paths.state()) < 1024, "counts, not files: " + Files.size(paths.state()) + " bytes");
        WatchState status = WatchStateFile.readStatus(paths).orElseThrow();
        assertEquals(100_000, status.filesFetched());
        assertEquals(Optional.of("f2.png.png"), status.latestThumbnail());
        assertEquals(List.of(), status.files(), "the journal is not read");

        WatchState whole = WatchStateFile.read(paths).orElseThrow();
        assertEquals(List.of("f1.png", "f2.png", "f3.png"), whole.files().stream().map(FetchedFile::name).toList());
        assertEquals(Optional.of("f2.png.png"), whole.latestThumbnail(), "f3.png has none: the latest with one");
    }

    @Test
    void aJournalIsCompactedOnlyWhenAFileWasFetchedAgain() throws Exception {
        Path journal = dir.resolve("files.jsonl");
        FileJournal.append(journal, file("a.png", Optional.empty()));
        FileJournal.append(journal, file("b.png", Optional.empty()));
        assertEquals(2, FileJournal.lines(journal));
        assertEquals(2, FileJournal.read(journal).size(), "nothing to compact");
        FileJournal.append(journal, file("a.png", Optional.empty()));
        assertEquals(3, FileJournal.lines(journal));
        assertEquals(2, FileJournal.read(journal).size(), "a.png twice: compacting would save a line");
    }
}

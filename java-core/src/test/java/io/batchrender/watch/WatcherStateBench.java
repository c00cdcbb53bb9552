package io.batchrender.watch;

import io.batchrender.settings.StateHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A watcher's files after N outputs landed (default 100,000): what one save writes (the state file), what the panel's
 * look every 2 s reads (the state file alone) against reading every landed file (the journal), and the check a
 * restarted watcher makes before compacting. Run by {@code bench/local_100k.sh}; not a test.
 */
public final class WatcherStateBench {

    private WatcherStateBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("watcher-state-bench");
        WatchPaths paths = new WatchPaths(new StateHome(dir), "bench-job");
        Instant t = Instant.parse("2026-12-07T22:00:00Z");
        List<FetchedFile> landed = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String name = String.format("shot/images/frame_%06d.exr", i);
            landed.add(new FetchedFile(name, String.valueOf(i), 52_428_800L, "%064x".formatted(i),
                    Optional.of(name.replace('/', '_') + ".png"), t));
        }
        FileJournal.compact(paths.journal(), landed);
        WatchState state = new WatchState("bench-job", dir.resolve("dest"), WatchStatus.RUNNING, 1, t, t,
                "Fetched frame_100000.exr.", n, n, n, landed.get(n - 1).thumbnail(), List.of(), List.of());

        int saves = 200;
        long start = System.nanoTime();
        for (int i = 0; i < saves; i++) {
            WatchStateFile.write(paths, state);
        }
        double saveMs = (System.nanoTime() - start) / 1e6 / saves;
        for (int i = 0; i < 50; i++) {
            WatchStateFile.readStatus(paths);
        }
        start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            WatchStateFile.readStatus(paths);
        }
        double statusMs = (System.nanoTime() - start) / 1e6 / 200;
        WatchStateFile.read(paths);
        start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            WatchStateFile.read(paths);
        }
        double wholeMs = (System.nanoTime() - start) / 1e6 / 3;
        start = System.nanoTime();
        long lines = FileJournal.lines(paths.journal());
        double linesMs = (System.nanoTime() - start) / 1e6;

        System.out.printf("watcher of %,d outputs: state.json %,d bytes, journal %,d bytes (%,d lines)%n", n,
                Files.size(paths.state()), Files.size(paths.journal()), lines);
        System.out.printf("  one save (state.json, fsync, rename)     %8.2f ms%n", saveMs);
        System.out.printf("  the panel's look (state.json alone)      %8.2f ms%n", statusMs);
        System.out.printf("  every landed file (journal, files=True)  %8.2f ms%n", wholeMs);
        System.out.printf("  restart's check before compacting        %8.2f ms%n", linesMs);
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

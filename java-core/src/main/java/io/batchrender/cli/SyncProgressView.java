package io.batchrender.cli;

import io.batchrender.storage.SyncListener;
import io.batchrender.storage.SyncProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a sync's progress on stderr: a bar redrawn in place on a terminal, a plain line every few
 * seconds otherwise (logs, pipes), nothing with {@code --json}.
 */
final class SyncProgressView implements SyncListener {

    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean tty;
    private long lastPlain = System.nanoTime();
    private boolean drew;

    SyncProgressView(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override
    public synchronized void onProgress(SyncProgress p) {
        boolean end = p.phase() == SyncProgress.Phase.DONE || p.phase() == SyncProgress.Phase.CANCELLED;
        if (tty) {
            err.print("\r" + line(p, true) + "\u001b[K");
            drew = true;
            if (end) {
                err.println();
            }
            err.flush();
        } else if (!end && System.nanoTime() - lastPlain > PLAIN_EVERY_NANOS) {
            lastPlain = System.nanoTime();
            err.println(line(p, false));
        }
    }

    boolean drew() {
        return drew;
    }

    static String line(SyncProgress p, boolean bar) {
        StringBuilder s = new StringBuilder();
        if (p.phase() == SyncProgress.Phase.SCANNING || p.phase() == SyncProgress.Phase.LISTING) {
            return (p.phase() == SyncProgress.Phase.SCANNING ? "Looking at the files..." : "Listing the project...");
        }
        if (bar) {
            int width = 24;
            int filled = (int) Math.round(p.fraction() * width);
            s.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
        }
        s.append(String.format(Locale.ROOT, "%3d%%  %d/%d files  %s/%s", (int) Math.floor(p.fraction() * 100), p.filesDone(),
                p.filesTotal(), bytes(p.bytesDone()), bytes(p.bytesTotal())));
        if (p.bytesPerSecond() > 0) {
            s.append("  ").append(bytes((long) p.bytesPerSecond())).append("/s");
        }
        p.eta().ifPresent(eta -> s.append("  ETA ").append(duration(eta)));
        if (p.filesFailed() > 0) {
            s.append("  ").append(p.filesFailed()).append(" failed");
        }
        return s.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

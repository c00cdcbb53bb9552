package io.batchrender.farm.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds and stops a task's process together with every process it started. */
final class ProcessTree {

    private ProcessTree() {
    }

    /** The process {@code pid} if it is alive and is the one that started at {@code startMs} (pids get reused). */
    static Optional<ProcessHandle> find(long pid, long startMs) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessTree::alive).filter(p -> p.info().startInstant()
                .map(Instant::toEpochMilli).map(s -> Math.abs(s - startMs) < 1000).orElse(false));
    }

    /**
     * True while the process runs. Unlike {@link ProcessHandle#isAlive()}, a zombie (dead, not yet
     * reaped by its parent or init) counts as gone: an orphan of a dead agent can stay a zombie for
     * seconds where init reaps slowly.
     */
    static boolean alive(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            return close < 0 || close + 2 >= s.length() || s.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return p.isAlive(); // no /proc (not Linux) or the process just went
        }
    }

    static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Asks the whole tree to stop (SIGTERM), then kills what is still alive after {@code grace}
     * (SIGKILL). Descendants are collected before the root is signalled, since a dead parent's
     * children are no longer its descendants.
     */
    static void kill(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = snapshot(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessTree::alive)) {
            sleep(20);
            tree = merge(tree);
        }
        for (int pass = 0; pass < 3 && tree.stream().anyMatch(ProcessTree::alive); pass++) {
            tree = merge(tree);
            tree.forEach(ProcessHandle::destroyForcibly);
            sleep(20);
        }
    }

    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /** The known processes plus any child the live ones started since. */
    private static List<ProcessHandle> merge(List<ProcessHandle> known) {
        List<ProcessHandle> all = new ArrayList<>(known);
        for (ProcessHandle p : known) {
            if (alive(p)) {
                p.descendants().filter(d -> !all.contains(d)).forEach(all::add);
            }
        }
        return all;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

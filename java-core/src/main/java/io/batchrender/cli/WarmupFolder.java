package io.batchrender.cli;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a gateway's background warm-up writes its generated scene and files: {@code <state>/warmup/<pid>}. A
 * gateway is often stopped in the middle of its warm-up (Maya closes, a test ends), and its finally blocks do not
 * run then; so each warm-up first removes the folders of gateways that are no longer running, and what is left
 * behind is at most one folder per live gateway, never a growing pile in the system's temp folder.
 */
final class WarmupFolder {

    private WarmupFolder() {
    }

    /** A fresh, empty folder for this process, after removing those of processes that have ended. */
    static Path create(Path stateDir) throws IOException {
        Path root = Files.createDirectories(stateDir.resolve("warmup"));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root)) {
            for (Path p : all) {
                if (!alive(p.getFileName().toString())) {
                    delete(p);
                }
            }
        }
        Path mine = root.resolve(Long.toString(ProcessHandle.current().pid()));
        delete(mine);
        return Files.createDirectories(mine);
    }

    /** Removes a folder and everything in it; a folder already gone (or none given) is fine. */
    static void delete(Path dir) throws IOException {
        if (dir != null && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private static boolean alive(String name) {
        try {
            return ProcessHandle.of(Long.parseLong(name)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // not a gateway's folder: nothing of ours should be here
        }
    }
}

package io.batchrender.assets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** {@link DirectoryReader} on the local file system; unreadable folders count as empty. */
final class LocalDirectoryReader implements DirectoryReader {

    @Override
    public List<String> listFiles(Path dir) {
        List<String> names = new ArrayList<>();
        for (Path entry : entries(dir)) {
            if (Files.isRegularFile(entry)) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public Walk walk(Path root, SearchLimits limits) {
        List<Path> files = new ArrayList<>();
        boolean truncated = false;
        Deque<Path> folders = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        folders.add(root);
        depths.add(0);
        while (!folders.isEmpty()) {
            Path dir = folders.poll();
            int depth = depths.poll();
            for (Path entry : entries(dir)) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (depth < limits.maxDepth()) {
                        folders.add(entry);
                        depths.add(depth + 1);
                    } else {
                        truncated = true;
                    }
                } else if (Files.isRegularFile(entry)) {
                    if (files.size() == limits.maxFiles()) {
                        return new Walk(files, true);
                    }
                    files.add(entry);
                }
            }
        }
        return new Walk(files, truncated);
    }

    private static List<Path> entries(Path dir) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        entries.sort(null);
        return entries;
    }
}

package io.batchrender.storage;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the paths of a {@link SyncRequest} into the files to sync, each with its blob name. */
final class SyncFiles {

    /** A file to sync. */
    record LocalFile(Path path, String blobName) {
    }

    /** The files, the number left out by exclusions, and the paths that could not be taken. */
    record Expanded(List<LocalFile> files, int excluded, List<FileFailure> problems) {
    }

    private SyncFiles() {
    }

    static Expanded expand(SyncRequest request) {
        List<Path> excluded = request.excluded().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Map<Path, LocalFile> files = new LinkedHashMap<>();
        Map<String, Path> byBlob = new HashMap<>();
        List<FileFailure> problems = new ArrayList<>();
        int[] excludedCount = {0};
        for (Path given : request.paths()) {
            Path root = given.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                problems.add(new FileFailure(root.toString(), "no such file or folder"));
                continue;
            }
            List<Path> found = new ArrayList<>();
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(new FileFailure(file.toString(), "cannot read: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " " + e.getMessage())));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                problems.add(new FileFailure(root.toString(), "cannot read: " + e.getMessage()));
            }
            for (Path f : found) {
                Path file = f.toAbsolutePath().normalize();
                if (files.containsKey(file)) {
                    continue;
                }
                if (isExcluded(file, excluded)) {
                    excludedCount[0]++;
                    continue;
                }
                String blob;
                try {
                    blob = BlobNames.forLocalPath(file.toString());
                } catch (IllegalArgumentException e) {
                    problems.add(new FileFailure(file.toString(), e.getMessage()));
                    continue;
                }
                Path other = byBlob.putIfAbsent(blob, file);
                if (other != null) {
                    problems.add(new FileFailure(file.toString(), "has the same blob name as " + other));
                    continue;
                }
                files.put(file, new LocalFile(file, blob));
            }
        }
        return new Expanded(List.copyOf(files.values()), excludedCount[0], problems);
    }

    private static boolean isExcluded(Path p, List<Path> excluded) {
        Path abs = p.toAbsolutePath().normalize();
        for (Path e : excluded) {
            if (abs.startsWith(e)) {
                return true;
            }
        }
        return false;
    }
}

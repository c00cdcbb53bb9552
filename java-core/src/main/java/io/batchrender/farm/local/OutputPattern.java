package io.batchrender.farm.local;

import io.batchrender.farm.OutputFilePattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of a task's working folder one {@code outputFiles} entry uploads, by {@link OutputFilePattern}'s rule. */
final class OutputPattern {

    /** A file to upload and its blob name. */
    record Match(Path file, String blobName) {
    }

    private OutputPattern() {
    }

    static List<Match> match(String filePattern, String path, Path workDir) throws IOException {
        OutputFilePattern pattern = OutputFilePattern.of(filePattern, path);
        Path wd = workDir.toAbsolutePath().normalize();
        Path base = wd.resolve(pattern.fixed()).normalize();
        if (pattern.wildcard().isEmpty()) {
            return Files.isRegularFile(base) ? List.of(new Match(base, pattern.singleBlobName())) : List.of();
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = base.relativize(file).toString().replace('\\', '/');
                if (pattern.takes(rel)) {
                    matches.add(new Match(file, pattern.blobName(rel)));
                }
            }
        }
        return matches;
    }
}

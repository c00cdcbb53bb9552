package io.batchrender.farm.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Batch's {@code outputFiles[].filePattern} and {@code path} rule: a pattern is relative to the
 * working folder ({@code ../stdout.txt} reaches the task folder) and may hold {@code *} (within a
 * folder), {@code **} (any folders, none included) and {@code ?}. A pattern without wildcards names
 * one file, uploaded as blob {@code path} (or its file name when there is no path); with wildcards,
 * {@code path} is a virtual folder and each file's path below the pattern's fixed part is appended.
 */
final class OutputPattern {

    /** A file to upload and its blob name. */
    record Match(Path file, String blobName) {
    }

    private OutputPattern() {
    }

    static List<Match> match(String filePattern, String path, Path workDir) throws IOException {
        String[] segments = filePattern.split("/");
        int fixed = 0;
        while (fixed < segments.length && !hasWildcard(segments[fixed])) {
            fixed++;
        }
        Path wd = workDir.toAbsolutePath().normalize();
        if (fixed == segments.length) {
            Path file = wd.resolve(filePattern).normalize();
            return Files.isRegularFile(file)
                    ? List.of(new Match(file, path != null ? path : file.getFileName().toString())) : List.of();
        }
        Path base = wd.resolve(String.join("/", java.util.Arrays.copyOf(segments, fixed))).normalize();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Pattern regex = Pattern.compile(toRegex(String.join("/",
                java.util.Arrays.copyOfRange(segments, fixed, segments.length))));
        List<Match> matches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = base.relativize(file).toString().replace('\\', '/');
                if (regex.matcher(rel).matches()) {
                    matches.add(new Match(file, path == null ? rel : trimSlashes(path) + "/" + rel));
                }
            }
        }
        return matches;
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    /** {@code **}/ matches any folders (none too), {@code *} anything but '/', {@code ?} one character. */
    static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    sb.append("(?:.*/)?");
                    i += 2;
                } else {
                    sb.append(".*");
                    i++;
                }
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}

package io.batchrender.farm;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Batch's rule for one {@code outputFiles} entry: which files its {@code filePattern} takes and
 * the blob names its {@code path} gives them. A pattern is relative to the working folder
 * ({@code ../stdout.txt} reaches the task folder) and may hold {@code *} (within a folder),
 * {@code **} (any folders, none included) and {@code ?}. Without wildcards it names one file,
 * uploaded as blob {@code path} (or its file name when there is no path); with wildcards,
 * {@code path} is a virtual folder and each file's path below the pattern's fixed folders is
 * appended to it. The local farm uploads by this rule; the watcher finds the uploads again by it.
 *
 * @param fixed    the pattern's leading folders without wildcards, or the whole pattern when it has none
 * @param wildcard what a file's path below {@code fixed} must match, when the pattern has wildcards
 * @param path     the destination's {@code path} without leading or trailing slashes, empty for none
 */
public record OutputFilePattern(String fixed, Optional<Pattern> wildcard, String path) {

    public static OutputFilePattern of(String filePattern, String path) {
        String[] segments = filePattern.split("/");
        int n = 0;
        while (n < segments.length && !hasWildcard(segments[n])) {
            n++;
        }
        String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
        if (n == segments.length) {
            return new OutputFilePattern(filePattern, Optional.empty(), trimmed);
        }
        String below = String.join("/", Arrays.copyOfRange(segments, n, segments.length));
        return new OutputFilePattern(String.join("/", Arrays.copyOf(segments, n)), Optional.of(Pattern.compile(toRegex(below))),
                trimmed);
    }

    /** The blob name of the one file a pattern without wildcards names. */
    public String singleBlobName() {
        if (!path.isEmpty()) {
            return path;
        }
        int slash = fixed.lastIndexOf('/');
        return slash < 0 ? fixed : fixed.substring(slash + 1);
    }

    /** The blob name of a file at {@code relative} (a '/'-separated path below {@link #fixed()}) that the wildcard took. */
    public String blobName(String relative) {
        return path.isEmpty() ? relative : path + "/" + relative;
    }

    /** True when a file at {@code relative} below {@link #fixed()} is taken by the wildcard. */
    public boolean takes(String relative) {
        return wildcard.map(w -> w.matcher(relative).matches()).orElse(false);
    }

    /** What every blob this entry uploads starts with: for listing a container. */
    public String blobPrefix() {
        if (wildcard.isEmpty()) {
            return singleBlobName();
        }
        return path.isEmpty() ? "" : path + "/";
    }

    /** True when {@code blobName} is a name this entry could have uploaded. */
    public boolean couldHaveUploaded(String blobName) {
        if (wildcard.isEmpty()) {
            return blobName.equals(singleBlobName());
        }
        String prefix = blobPrefix();
        return blobName.startsWith(prefix) && takes(blobName.substring(prefix.length()));
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
}

package io.batchrender.submit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a scene's files goes to its asset project, after the artist's choices: the one rule the
 * submit ({@link CloudChoices}) and the panel's Upload button (the bridge's {@code uploadPlan}) share.
 * An excluded entry leaves out the files found for a reference the scene names that way (as Maya
 * shows it: {@code sourceimages/wood.<UDIM>.exr}), or a file, or every file under a folder; the
 * scene itself is never left out. Added files and folders that exist come after the scene's.
 */
public final class UploadSelection {

    private UploadSelection() {
    }

    /**
     * @param files       the scene first, then what its scan found (absolute, normalized); empty: no scene
     * @param byReference each reference as the scene names it, and the files found for it
     * @param excluded    what the artist left out, as the panel keeps it (a reference as named, or a path)
     * @param extra       files and folders the artist added
     * @param cwd         what relative paths among {@code excluded} and {@code extra} are relative to
     */
    public static List<Path> apply(List<Path> files, Map<String, List<Path>> byReference, List<String> excluded,
                                   List<String> extra, Path cwd) {
        Set<Path> out = new LinkedHashSet<>();
        Set<Path> leftOut = new LinkedHashSet<>();
        List<Path> under = new ArrayList<>();
        for (String e : excluded) {
            byReference.getOrDefault(e, List.of()).forEach(f -> leftOut.add(f.toAbsolutePath().normalize()));
            under.add(cwd.resolve(e).toAbsolutePath().normalize());
        }
        if (!files.isEmpty()) {
            out.add(files.get(0)); // the scene
        }
        for (Path f : files) {
            Path n = f.toAbsolutePath().normalize();
            if (!leftOut.contains(n) && under.stream().noneMatch(n::startsWith)) {
                out.add(n);
            }
        }
        for (String x : extra) {
            Path p = cwd.resolve(x).toAbsolutePath().normalize();
            if (Files.exists(p) && under.stream().noneMatch(p::startsWith)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}

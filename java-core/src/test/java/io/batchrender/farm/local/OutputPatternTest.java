package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch's output file patterns and blob naming, on a real task folder. */
class OutputPatternTest {

    @TempDir
    Path task;

    private Path wd;

    private List<String> names(String pattern, String path) throws Exception {
        return OutputPattern.match(pattern, path, wd).stream().map(OutputPattern.Match::blobName).toList();
    }

    @Test
    void patternsFollowBatchsRuleForPathAndWildcards() throws Exception {
        wd = task.resolve("wd");
        for (String f : List.of("a.exr", "b.exr", "notes.txt", "out/x.png", "out/deep/y.png", "out/deep/z.jpg")) {
            Files.createDirectories(wd.resolve(f).getParent());
            Files.writeString(wd.resolve(f), f);
        }
        Files.writeString(task.resolve("stdout.txt"), "log");

        // no wildcard: path is the blob's name, or the file's name without a path
        assertEquals(List.of("logs/task.txt"), names("../stdout.txt", "logs/task.txt"));
        assertEquals(List.of("stdout.txt"), names("../stdout.txt", null));
        assertEquals(List.of("y.png"), names("out/deep/y.png", null));
        assertEquals(List.of(), names("missing.txt", "x"));
        // wildcards: path is a folder, the part below the pattern's fixed folders is kept
        assertEquals(List.of("frames/a.exr", "frames/b.exr"), names("*.exr", "frames"));
        assertEquals(List.of("deep/y.png", "x.png"), names("out/**/*.png", null));
        assertEquals(List.of("r/deep/y.png", "r/deep/z.jpg", "r/x.png"), names("out/**", "r/"));
        assertEquals(List.of("deep/z.jpg"), names("out/*/?.jpg", null));
        assertEquals(List.of("stdout.txt"), names("../std*.txt", null));
    }
}

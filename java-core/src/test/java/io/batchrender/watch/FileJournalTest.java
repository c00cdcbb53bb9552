package io.batchrender.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {

    @TempDir
    Path dir;

    private static FetchedFile file(String name, String sha) {
        return new FetchedFile(name, "1", 10, sha, Optional.of(name + ".png"), Instant.parse("2026-11-27T14:00:00Z"));
    }

    @Test
    void theLastLineOfAFileWinsAndALineCutShortByAKillIsSkipped() throws Exception {
        Path journal = dir.resolve("files.jsonl");
        FileJournal.append(journal, file("a.png", "aa"));
        FileJournal.append(journal, file("b.png", "bb"));
        FileJournal.append(journal, file("a.png", "cc"));
        Files.writeString(journal, "{\"name\": \"c.png\", \"taskId\": \"1\", \"si", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        var files = FileJournal.read(journal);

        assertEquals(List.of("b.png", "a.png"), List.copyOf(files.keySet()));
        assertEquals("cc", files.get("a.png").sha256());
        FileJournal.compact(journal, files.values());
        assertEquals(2, Files.readAllLines(journal).size());
        assertEquals(files, FileJournal.read(journal));
    }
}

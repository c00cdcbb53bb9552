package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expected names follow the Batch CLI extensions' rule (hashes: SHA-1 of the lower-cased name, from Python's hashlib). */
class FileGroupsTest {

    @Test
    void aCleanNameIsKeptAsIs() {
        assertEquals("fgrp-shot010", FileGroups.containerName("shot010"));
        // the file group the extensions' own live tests made (../shared/azure-batch/recordings-batch-cli-extensions)
        assertEquals("fgrp-cli-batch-extensions-live-tests", FileGroups.containerName("cli-batch-extensions-live-tests"));
        assertEquals("fgrp-shot010", FileGroups.containerName("Shot010"), "lower-casing alone adds no hash");
    }

    @Test
    void aCleanedNameGetsTheSha1OfTheOriginal() {
        assertEquals("fgrp-my-project-745a6e03babbca6f47a98463375fbac0d4085d7d", FileGroups.containerName("My_Project"));
        assertEquals("fgrp-shot-010-final-ef136d6ac0f6b8f5432d1c4c7e1212f6830c8dd3",
                FileGroups.containerName("shot__010--final-"));
    }

    @Test
    void aLongNameKeepsFifteenCharactersAndTheHash() {
        String name = "a".repeat(59);
        assertEquals("fgrp-aaaaaaaaaaaaaaa-dbc8b8f59ff85a2b1448ed873484b14bf0507246", FileGroups.containerName(name));
        assertEquals("fgrp-" + "a".repeat(58), FileGroups.containerName("a".repeat(58)));
    }

    @Test
    void otherCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FileGroups.containerName("shot 010"));
        assertThrows(IllegalArgumentException.class, () -> FileGroups.containerName("_shot"));
        assertThrows(IllegalArgumentException.class, () -> FileGroups.containerName("shöt"));
        assertThrows(IllegalArgumentException.class, () -> FileGroups.containerName(""));
    }

    @Test
    void projectOfAContainer() {
        assertEquals(Optional.of("shot010"), FileGroups.projectOf("fgrp-shot010"));
        assertEquals(Optional.empty(), FileGroups.projectOf("outputs"));
    }
}

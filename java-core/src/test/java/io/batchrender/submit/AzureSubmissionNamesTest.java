package io.batchrender.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.storage.ContainerNames;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The names a cloud submission makes up: the job's output container and the default asset project. */
class AzureSubmissionNamesTest {

    @Test
    void theOutputContainerIsTheJobIdAsAValidContainerNameKeepingItsUniqueEnd() {
        String id = AzureFarm.newJobId("Shot_010 lighting");
        String c = AzureSubmission.outputContainerFor(id);
        assertEquals("out-" + id.replace('_', '-'), c);
        String longId = AzureFarm.newJobId("a".repeat(30) + "__" + "b".repeat(30));
        String longName = AzureSubmission.outputContainerFor(longId);
        assertTrue(longName.length() <= 63, longName);
        assertEquals(longName, ContainerNames.check(longName));
        assertTrue(longName.endsWith(longId.substring(longId.length() - 23)), longName + " keeps " + longId);
        assertTrue(longName.startsWith("out-aaaa"), longName);
    }

    @Test
    void theDefaultProjectIsTheScenesNameMadeAValidProjectName() {
        assertEquals("shapes", SceneUpload.defaultProject(Path.of("/x/shapes.blend"), Optional.empty()));
        assertEquals("my-shot-010_v2", SceneUpload.defaultProject(Path.of("/x/My Shot 010_v2.ma"), Optional.empty()));
        assertEquals("scene", SceneUpload.defaultProject(Path.of("/x/+++.ma"), Optional.empty()));
    }
}

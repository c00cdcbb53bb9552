package io.batchrender.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Task ids as Azure Batch compares them (sources in {@link TaskIds}). */
class TaskIdsTest {

    @Test
    void idsThatDifferOnlyInCaseAreOneTaskToBatch() {
        assertEquals(Optional.of("task ids 'Frame' and 'frame' differ only in case, and Azure Batch compares task ids"
                + " ignoring case (one of the two tasks would be lost): give each task an id of its own"),
                TaskIds.firstProblem(List.of("Frame", "other", "frame")));
        assertEquals(Optional.empty(), TaskIds.firstProblem(List.of("1", "2", "frame")));
    }

    @Test
    void thePreparationAndReleaseTasksIdsAreTaken() {
        assertTrue(TaskIds.firstProblem(List.of("JOBRELEASE")).orElseThrow().contains("reserved by Azure Batch for the job release task"));
        TaskIds ids = new TaskIds().reserve("Prep", "the job preparation task");
        assertEquals(Optional.of("task id 'prep' is reserved by Azure Batch for the job preparation task: rename the task"),
                ids.add("prep"));
    }
}

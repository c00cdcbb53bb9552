package io.batchrender.farm.azure;

import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double's own rules for task ids, on the wire through the SDK with none of the farm's checks in front:
 * what the service answers a client that does not check first (sources in the double's BatchTasks).
 */
class BatchDoubleRulesTest {

    @TempDir
    Path tmp;

    @Test
    void taskIdsAreComparedIgnoringCaseAndThePreparationTasksIdIsTaken() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).start()) {
            var client = BatchClients.open(new BatchAccount(batch.url(), batch.account(), batch.key()), Duration.ofMillis(20))
                    .client().protocolLayer();
            client.pools().add(BatchRequests.pool(new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1,
                    PoolImage.Marketplace.ubuntu2204().withNodeAgentSku("batch.node.ubuntu 22.04"), java.util.Optional.empty())));
            client.jobs().add(new JobAddParameter().withId("j").withPoolInfo(new PoolInformation().withPoolId("idle"))
                    .withJobPreparationTask(new JobPreparationTask().withId("Prep").withCommandLine("true")));

            List<TaskAddResult> results = client.tasks().addCollection("j", List.of(
                    new TaskAddParameter().withId("Frame").withCommandLine("true"),
                    new TaskAddParameter().withId("frame").withCommandLine("true"),
                    new TaskAddParameter().withId("prep").withCommandLine("true"),
                    new TaskAddParameter().withId("jobrelease").withCommandLine("true"))).value();

            assertEquals(List.of("success", "clienterror", "clienterror", "clienterror"),
                    results.stream().map(r -> r.status().toString()).toList());
            assertEquals(List.of("TaskExists", "TaskIdSameAsJobPreparationTask", "TaskIdSameAsJobReleaseTask"),
                    results.subList(1, 4).stream().map(r -> r.error().code()).toList());
            assertEquals(List.of("Frame"), batch.taskIds("j"), "one task kept: the service keeps one of Frame and frame");
        }
    }
}

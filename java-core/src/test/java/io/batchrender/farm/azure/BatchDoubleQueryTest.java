package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.PoolListOptions;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import com.microsoft.azure.batch.protocol.models.TaskState;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;

import io.batchrender.compile.SubmitRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double's $filter and $select, as the SDK sends them (the recorded requests use both). */
class BatchDoubleQueryTest {

    @TempDir
    Path tmp;

    @Test
    void filterAndSelectNarrowTasksAndPools() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(50)).start()) {
            BatchAccount account = new BatchAccount(batch.url(), batch.account(), batch.key());
            AzureFarm farm = new AzureFarm(account, new StateHome(tmp.resolve("state")),
                    AzureJobSettings.on(new PoolChoice.Existing("p1")), 2, Duration.ofMillis(20));
            farm.createPool(new PoolSpec("p1", "standard_d2s_v5", 1, 0, 2, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            JobInfo job = farm.submit(SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("sh", "-c", "exit $0", "{frame}")),
                    Optional.empty(), "0-3", 1, Optional.empty(), Optional.empty(), 0, Optional.empty()))).job();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            var client = BatchClients.open(account, Duration.ofMillis(20)).client().protocolLayer();

            List<CloudTask> failed = new ArrayList<>(client.tasks().list(job.id(), new TaskListOptions()
                    .withFilter("executionInfo/result eq 'failure'").withSelect("id,state")));
            List<CloudPool> active = new ArrayList<>(client.pools().list(new PoolListOptions()
                    .withFilter("state eq 'active'").withSelect("id,state")));

            assertEquals(List.of("2", "3", "4"), failed.stream().map(CloudTask::id).toList(), "frames 1-3 exit non-zero");
            assertTrue(failed.stream().allMatch(t -> t.state() == TaskState.COMPLETED));
            assertNull(failed.get(0).executionInfo(), "only the selected properties come back");
            assertEquals(List.of("p1"), active.stream().map(CloudPool::id).toList());
            assertNull(active.get(0).vmSize());

            // the task list takes the documented filterable properties, each with its operators
            // (https://learn.microsoft.com/rest/api/batchservice/odata-filters-in-batch#list-tasks), at most 1000 a page
            assertEquals(List.of("3", "4"), ids(client, job.id(), new TaskListOptions().withFilter("id ge '3'")));
            assertEquals(List.of("2", "3", "4"), ids(client, job.id(), new TaskListOptions()
                    .withFilter("executionInfo/exitCode gt 0")));
            assertEquals(List.of("1"), ids(client, job.id(), new TaskListOptions()
                    .withFilter("executionInfo/result eq 'success' or executionInfo/result eq 'none'")));
            assertEquals(2, client.tasks().listAsync(job.id(), new TaskListOptions().withMaxResults(2)).toBlocking().first()
                    .items().size());
            assertEquals("InvalidQueryParameterValue", refused(client, job.id(), new TaskListOptions()
                    .withFilter("state ne 'completed'")), "state takes eq only");
            assertEquals("InvalidQueryParameterValue", refused(client, job.id(), new TaskListOptions()
                    .withFilter("displayName eq 'frame 1'")), "displayName is not filterable on tasks");
            assertEquals("InvalidQueryParameterValue", refused(client, job.id(), new TaskListOptions()
                    .withFilter("executionInfo/result gt 'failure'")), "a result compares with eq or ne");
            assertEquals("InvalidQueryParameterValue", refused(client, job.id(), new TaskListOptions()
                    .withFilter("stateTransitionTime ge '2024-01-01T00:00:00Z'")), "a time is a datetime'...' literal");
            assertEquals("OutOfRangeQueryParameterValue", refused(client, job.id(), new TaskListOptions().withMaxResults(1001)));
            // jobs and pools hold to their own sets ("List jobs", "List pools"): state eq only, no property of a task
            var jobsRefused = org.junit.jupiter.api.Assertions.assertThrows(
                    com.microsoft.azure.batch.protocol.models.BatchErrorException.class, () -> client.jobs().listAsync(
                            new com.microsoft.azure.batch.protocol.models.JobListOptions().withFilter("executionInfo/result eq 'success'"))
                            .toBlocking().first());
            assertEquals("InvalidQueryParameterValue", jobsRefused.body().code());
            var poolsRefused = org.junit.jupiter.api.Assertions.assertThrows(
                    com.microsoft.azure.batch.protocol.models.BatchErrorException.class, () -> client.pools().listAsync(
                            new PoolListOptions().withFilter("state ne 'deleting'")).toBlocking().first());
            assertEquals("InvalidQueryParameterValue", poolsRefused.body().code());
            assertEquals(List.of("p1"), new ArrayList<>(client.pools().list(new PoolListOptions()
                    .withFilter("vmSize eq 'standard_d2s_v5'"))).stream().map(CloudPool::id).toList());
        }
    }

    private static List<String> ids(com.microsoft.azure.batch.protocol.BatchServiceClient client, String jobId,
                                    TaskListOptions options) {
        return new ArrayList<>(client.tasks().list(jobId, options)).stream().map(CloudTask::id).sorted().toList();
    }

    /** The error code of a task list the double refuses (400). */
    private static String refused(com.microsoft.azure.batch.protocol.BatchServiceClient client, String jobId,
                                  TaskListOptions options) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(com.microsoft.azure.batch.protocol.models.BatchErrorException.class,
                () -> client.tasks().listAsync(jobId, options).toBlocking().first());
        assertEquals(400, e.response().code());
        return e.body().code();
    }
}

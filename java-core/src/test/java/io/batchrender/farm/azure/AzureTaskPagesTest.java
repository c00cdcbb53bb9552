package io.batchrender.farm.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.TaskState;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of a big job's tasks on Azure costs requests and memory of the page, not of the job: the state is the
 * service's $filter (held by the double to the task list's documented filterable properties and operators), the
 * tasks are paged by the service (at most 1000 a response), the counts come from "Get Task Counts". Before, every
 * page listed the whole job (6 requests of 1000 here) and filtered it on this machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureTaskPagesTest {

    static final int TASKS = 6_000;
    static final int RUNNING = 250;
    static final int STRIDE = 20;
    static final int SUCCEEDED = 1_000;

    @TempDir
    static Path tmp;

    BatchDouble batch;
    String jobId;

    @BeforeAll
    void submitABigJob() throws IOException {
        batch = BatchDouble.builder(tmp.resolve("nodes")).start();
        AzureFarm farm = farm();
        farm.createPool(new PoolSpec("idle", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
        jobId = farm.submit(AzureFarmFaultsTest.frames("1-" + TASKS)).job().id();
        // the service's order is the order the tasks arrived in (collections go in parallel): the first 1000 succeed,
        // every 20th of the rest runs
        batch.completeTasks(jobId, SUCCEEDED);
        batch.startTasks(jobId, RUNNING, STRIDE);
        order = batch.taskIds(jobId);
        succeeded = order.subList(0, SUCCEEDED);
        running = IntStream.range(0, RUNNING).mapToObj(i -> order.get(SUCCEEDED + STRIDE * (i + 1) - 1)).toList();
    }

    List<String> order;
    List<String> succeeded;
    List<String> running;

    /** Tasks {@code from} to {@code from + count - 1} of {@code ids}, as a page shows them: by id, numbers as numbers. */
    private static List<String> page(List<String> ids, int from, int count) {
        return ids.subList(Math.min(from, ids.size()), Math.min(from + count, ids.size())).stream()
                .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
    }

    @AfterAll
    void stop() {
        batch.close();
    }

    /** A farm as a fresh CLI command has it: nothing remembered of earlier looks. */
    private AzureFarm farm() {
        return new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()), EntraBatchCredentials::defaultCredential,
                Clock.systemUTC(), new StateHome(tmp.resolve("state")), AzureJobSettings.on(new PoolChoice.Existing("idle")), 4,
                BatchTimeouts.standard(Duration.ofMillis(20)));
    }

    @Test
    void aPageOfRunningTasksCostsTheCountsAndOneListRequest() {
        AzureFarm farm = farm();
        int before = batch.requestCount();
        int countsBefore = batch.requestCount("GET /jobs/{id}/taskcounts");

        TaskPage page = farm.tasks(jobId, new TaskQuery(1, 100, Optional.of(TaskQuery.StateFilter.RUNNING)));

        int requests = batch.requestCount() - before;
        assertEquals(page(running, 0, 100), page.tasks().stream().map(TaskInfo::id).toList());
        assertTrue(page.tasks().stream().allMatch(t -> t.state() == TaskState.RUNNING));
        assertEquals(RUNNING, page.matching());
        assertEquals(3, page.pages());
        assertEquals(RUNNING, page.counts().running());
        assertEquals(SUCCEEDED, page.counts().succeeded());
        assertEquals(TASKS - SUCCEEDED - RUNNING, page.counts().active());
        assertEquals(2, requests, "Get Task Counts and one filtered page of 100 (listing the job: 6 pages of 1000)");
        assertEquals(1, batch.requestCount("GET /jobs/{id}/taskcounts") - countsBefore);
    }

    @Test
    void thePageAfterTheLastOneReadCostsOneListRequestAndTheLastPageIsShort() {
        AzureFarm farm = farm();
        farm.tasks(jobId, new TaskQuery(1, 100, Optional.of(TaskQuery.StateFilter.RUNNING)));
        int before = batch.requestCount("GET /jobs/{id}/tasks");

        TaskPage second = farm.tasks(jobId, new TaskQuery(2, 100, Optional.of(TaskQuery.StateFilter.RUNNING)));
        TaskPage third = farm.tasks(jobId, new TaskQuery(3, 100, Optional.of(TaskQuery.StateFilter.RUNNING)));
        TaskPage beyond = farm.tasks(jobId, new TaskQuery(4, 100, Optional.of(TaskQuery.StateFilter.RUNNING)));

        assertEquals(page(running, 100, 100), second.tasks().stream().map(TaskInfo::id).toList());
        assertEquals(page(running, 200, 100), third.tasks().stream().map(TaskInfo::id).toList());
        assertEquals(List.of(), beyond.tasks());
        // pages 2 and 3 continue from where the page before ended; page 4 lists 1000 a request from the start
        int listRequests = batch.requestCount("GET /jobs/{id}/tasks") - before;
        assertTrue(listRequests <= 3, "pages 2-4 cost " + listRequests + " list requests");
    }

    @Test
    void aPageDeepInTheJobIsReachedAThousandTasksARequest() {
        AzureFarm farm = farm();
        int before = batch.requestCount("GET /jobs/{id}/tasks");

        TaskPage page = farm.tasks(jobId, new TaskQuery(50, 100, Optional.empty()));

        assertEquals(page(order, 4_900, 100), page.tasks().stream().map(TaskInfo::id).toList());
        assertEquals(TASKS, page.matching());
        assertEquals(60, page.pages());
        assertEquals(5, batch.requestCount("GET /jobs/{id}/tasks") - before, "tasks 1-5,000 at 1000 a request");
    }

    @Test
    void eachStateIsTheServicesFilter() {
        AzureFarm farm = farm();

        TaskPage succeeded = farm.tasks(jobId, new TaskQuery(1, 1000, Optional.of(TaskQuery.StateFilter.SUCCEEDED)));
        TaskPage completed = farm.tasks(jobId, new TaskQuery(2, 500, Optional.of(TaskQuery.StateFilter.COMPLETED)));
        TaskPage failed = farm.tasks(jobId, new TaskQuery(1, 100, Optional.of(TaskQuery.StateFilter.FAILED)));
        TaskPage active = farm.tasks(jobId, new TaskQuery(1, 3, Optional.of(TaskQuery.StateFilter.ACTIVE)));

        assertEquals(page(this.succeeded, 0, SUCCEEDED), succeeded.tasks().stream().map(TaskInfo::id).toList());
        assertEquals(page(this.succeeded, 500, 500), completed.tasks().stream().map(TaskInfo::id).toList());
        assertEquals(List.of(), failed.tasks());
        assertEquals(0, failed.matching());
        assertEquals(page(order, SUCCEEDED, 3), active.tasks().stream().map(TaskInfo::id).toList());
        assertEquals(TASKS - SUCCEEDED - RUNNING, active.matching());
    }

    @Test
    void aTasksLogsLookUpThatOneTaskNotTheWholeJob() {
        AzureFarm farm = farm();
        String waiting = order.get(TASKS - 2); // the last task runs (every 20th after the first 1000)
        int before = batch.requestCount();

        var notStarted = assertThrows(io.batchrender.farm.FarmException.class, () -> farm.log(jobId, waiting, 0));
        var none = assertThrows(io.batchrender.farm.FarmException.class, () -> farm.log(jobId, "no-such-task", 0));

        assertTrue(notStarted.getMessage().contains("has not started yet"), notStarted.getMessage());
        assertTrue(none.getMessage().startsWith("Job " + jobId + " has no task 'no-such-task'"), none.getMessage());
        assertEquals(2, batch.requestCount() - before, "one Task - Get each (before: the job listed whole, then again since: 7 requests)");
    }

    @Test
    void anUnknownJobIsTheFarmsUnknownJobError() {
        assertThrows(UnknownJobException.class, () -> farm().tasks("no-such-job", TaskQuery.first()));
    }
}

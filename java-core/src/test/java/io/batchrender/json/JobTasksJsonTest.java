package io.batchrender.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** submit/template run --wait --json: every task, written a page at a time as it is read. */
class JobTasksJsonTest {

    private static TaskInfo task(int i) {
        boolean failed = i % 7 == 0;
        return new TaskInfo(Integer.toString(i), List.of(i), TaskState.COMPLETED,
                Optional.of(failed ? TaskResult.FAILURE : TaskResult.SUCCESS), Optional.of(failed ? 1 : 0), 1, 0, 0,
                Optional.of(Instant.parse("2026-12-07T10:00:00Z")), Optional.of(Instant.parse("2026-12-07T10:01:00Z")),
                failed ? Optional.of(new TaskFailure(TaskFailure.NON_ZERO_EXIT, "exit 1")) : Optional.empty());
    }

    private static JobInfo job(int tasks) {
        int failed = tasks / 7;
        return new JobInfo("job-1", "shot", JobState.COMPLETED, "blender", Optional.of(Path.of("/scenes/shot.blend")),
                Path.of("/out"), Instant.parse("2026-12-07T09:59:00Z"), Optional.of(Instant.parse("2026-12-07T11:00:00Z")),
                new TaskCounts(0, 0, tasks - failed, failed), "local");
    }

    /** Writes a job of {@code n} tasks; returns the pages asked for. */
    private static List<Integer> check(int n) {
        List<TaskInfo> all = IntStream.rangeClosed(1, n).mapToObj(JobTasksJsonTest::task).toList();
        List<Integer> asked = new ArrayList<>();
        StringWriter out = new StringWriter();

        JobTasksJson.write(out, job(n), p -> {
            asked.add(p);
            TaskQuery q = new TaskQuery(p, JobTasksJson.PAGE_SIZE, Optional.empty());
            return TaskPage.of(all, q);
        });

        // the same document as the whole job built in memory, pretty-printed the same way
        assertEquals(JsonViews.GSON.toJson(JsonViews.jobWithTasks(job(n), all)) + System.lineSeparator(), out.toString());
        assertEquals(n, JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("tasks").size());
        return asked;
    }

    @Test
    void everyTaskIsWrittenAPageOfAThousandAtATime() {
        assertEquals(List.of(1, 2, 3), check(2_500), "pages 1-3, the last one short");
    }

    @Test
    void aJobOfWholePagesEndsAtTheFirstEmptyPage() {
        assertEquals(List.of(1, 2, 3), check(2_000));
        assertEquals(List.of(1), check(0));
    }
}

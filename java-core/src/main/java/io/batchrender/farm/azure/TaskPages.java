package io.batchrender.farm.azure;

import com.microsoft.azure.Page;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.UnknownJobException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One page of a job's tasks asked of Batch itself, for a look at a job (the CLI's {@code job show}, the panel's Jobs
 * tab): the state is a {@code $filter} the service applies, {@code $select} names the fields a page shows, and the
 * service pages ({@code maxresults}, {@code odata.nextLink}), so a page costs requests and memory of its own size, not
 * of the job's. The counts by state come from "Get Task Counts" (one request, whatever the job's size).
 *
 * <p>What the service takes, per https://learn.microsoft.com/rest/api/batchservice/odata-filters-in-batch#list-tasks:
 * {@code state} with {@code eq} only, {@code executionInfo/result} with {@code eq}/{@code ne}; conditions joined by
 * {@code or}. At most 1000 tasks a response (https://learn.microsoft.com/rest/api/batchservice/task/list,
 * {@code maxresults}). "Get Task Counts" counts preparing tasks as running
 * (https://learn.microsoft.com/rest/api/batchservice/job/get-task-counts), so the running filter takes both.
 *
 * <p>Order: the service's listing order (not documented; each page is sorted by task id, numbers as numbers). A page
 * past the first is reached by following nextLinks from the start, 1000 tasks a request; the place where the last page
 * ended is kept for {@link #CURSOR_LIFE}, so the next page after it (paging on, as the panel and the watcher do) costs
 * one request. A kept place that the service no longer takes is dropped and the listing starts again.
 */
final class TaskPages {

    /** The fields a page shows ({@link AzureViews#task}): nothing else is sent. */
    static final String SELECT = TaskListing.SELECT;
    /** Most tasks the service returns in one response. */
    static final int SERVICE_PAGE = 1000;
    static final Duration CURSOR_LIFE = Duration.ofSeconds(30);
    private static final int MAX_CURSORS = 32;

    private final BatchClient client;
    /** Where a listing (job, filter, page size sent) stopped: the index of its next task and the link to it. */
    private final Map<Key, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cursor> eldest) {
            return size() > MAX_CURSORS;
        }
    };

    private record Key(String jobId, String filter, int chunk) {
    }

    private record Cursor(long next, String link, long atNanos) {
        boolean fresh() {
            return System.nanoTime() - atNanos < CURSOR_LIFE.toNanos();
        }
    }

    TaskPages(BatchClient client) {
        this.client = client;
    }

    /** The service's filter for a state; empty: every task. */
    static Optional<String> filter(Optional<TaskQuery.StateFilter> state) {
        return state.map(s -> switch (s) {
            case ACTIVE -> "state eq 'active'";
            case RUNNING -> "state eq 'running' or state eq 'preparing'";
            case COMPLETED -> "state eq 'completed'";
            case SUCCEEDED -> "executionInfo/result eq 'success'";
            case FAILED -> "executionInfo/result eq 'failure'";
        });
    }

    TaskPage page(String jobId, TaskQuery query) {
        TaskCounts counts = counts(jobId);
        long matching = query.state().map(s -> (long) s.count(counts)).orElse((long) counts.total());
        List<TaskInfo> tasks = read(jobId, filter(query.state()).orElse(null), query.offset(), query.pageSize());
        tasks.sort(Comparator.comparing(TaskInfo::id, AzureFarm::naturalOrder));
        return new TaskPage(query, tasks, Math.max(matching, query.offset() + tasks.size()), counts);
    }

    /** The job's counts by state, from "Get Task Counts". */
    TaskCounts counts(String jobId) {
        return AzureViews.counts(call(jobId, "counting the tasks of job " + jobId,
                () -> client.protocolLayer().jobs().getTaskCounts(jobId)).taskCounts());
    }

    /** One task of the job, read alone (Task - Get with the same $select); empty when the job has no such task. */
    Optional<TaskInfo> task(String jobId, String taskId) {
        try {
            return Optional.of(AzureViews.task(client.protocolLayer().tasks().get(jobId, taskId,
                    new com.microsoft.azure.batch.protocol.models.TaskGetOptions().withSelect(SELECT))));
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("TaskNotFound"::equals).isPresent()) {
                return Optional.empty();
            }
            return call(jobId, "reading task " + taskId + " of job " + jobId, () -> {
                throw e;
            });
        }
    }

    /** Forgets where the listings of this job stopped (it was deleted, or changed wholesale). */
    synchronized void forget(String jobId) {
        cursors.keySet().removeIf(k -> k.jobId().equals(jobId));
    }

    /** The matching tasks {@code offset} to {@code offset + size - 1} in the service's order. */
    private List<TaskInfo> read(String jobId, String filter, long offset, int size) {
        long end = offset + size;
        // a fresh listing sends pages of the page's own size when it starts at the first task, else of 1000 (to skip)
        int freshChunk = offset == 0 ? Math.min(size, SERVICE_PAGE) : SERVICE_PAGE;
        long freshCost = requests(0, end, freshChunk);
        Key start = new Key(jobId, filter, freshChunk);
        Cursor from = null;
        synchronized (this) {
            for (int chunk : new int[] {Math.min(size, SERVICE_PAGE), SERVICE_PAGE}) {
                Key k = new Key(jobId, filter, chunk);
                Cursor c = cursors.get(k);
                if (c != null && c.fresh() && c.next() <= offset && requests(c.next(), end, chunk) <= freshCost
                        && (from == null || c.next() > from.next())) {
                    from = c;
                    start = k;
                }
            }
            if (from != null) {
                cursors.remove(start);
            }
        }
        if (from != null) {
            try {
                return walk(start, from.next(), next(jobId, from.link()), offset, end);
            } catch (UnknownJobException gone) {
                throw gone;
            } catch (FarmException stale) {
                // the service no longer takes the kept link (or a moment's failure): start the listing again
                start = new Key(jobId, filter, freshChunk);
            }
        }
        Key fresh = start;
        TaskListOptions options = new TaskListOptions().withSelect(SELECT).withMaxResults(fresh.chunk());
        if (filter != null) {
            options.withFilter(filter);
        }
        Page<CloudTask> first = call(jobId, "listing the tasks of job " + jobId,
                () -> client.protocolLayer().tasks().listAsync(jobId, options).toBlocking().first());
        return walk(fresh, 0, first, offset, end);
    }

    /** Reads pages from {@code page} (whose first task is the {@code at}-th) until the range is read or the list ends. */
    private List<TaskInfo> walk(Key key, long at, Page<CloudTask> page, long offset, long end) {
        List<TaskInfo> out = new ArrayList<>();
        long pos = at;
        while (true) {
            List<CloudTask> items = page.items() == null ? List.of() : page.items();
            for (CloudTask t : items) {
                if (pos >= offset && pos < end) {
                    out.add(AzureViews.task(t));
                }
                pos++;
            }
            String link = page.nextPageLink();
            if (link == null || link.isBlank()) {
                synchronized (this) {
                    cursors.remove(key);
                }
                return out;
            }
            if (pos >= end) {
                synchronized (this) {
                    cursors.put(key, new Cursor(pos, link, System.nanoTime()));
                }
                return out;
            }
            page = next(key.jobId(), link);
        }
    }

    /**
     * One page, one request: the Observable's first page (the SDK's {@code PagedList} would fetch the page after it
     * too, as it is made).
     */
    private Page<CloudTask> next(String jobId, String link) {
        return call(jobId, "listing the tasks of job " + jobId,
                () -> client.protocolLayer().tasks().listNextAsync(link).toBlocking().first());
    }

    /** Requests to read tasks up to {@code end} from the {@code from}-th, {@code chunk} a request. */
    private static long requests(long from, long end, int chunk) {
        return Math.max(1, (end - from + chunk - 1) / chunk);
    }

    private static <T> T call(String jobId, String what, Supplier<T> c) {
        try {
            return c.get();
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("JobNotFound"::equals).isPresent()) {
                throw new UnknownJobException(jobId, "No job '" + jobId + "' on the Batch account: list them with"
                        + " 'batchrender jobs --farm azure'.");
            }
            throw BatchErrors.explain(what, e);
        }
    }
}

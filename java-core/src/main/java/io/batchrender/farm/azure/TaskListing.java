package io.batchrender.farm.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.batchrender.farm.TaskInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.joda.time.DateTime;

/**
 * A job's tasks as one client follows them: listed whole once, then only the tasks whose state
 * changed since, with {@code $filter=stateTransitionTime ge datetime'...'} (a filter the service takes on
 * task lists: https://learn.microsoft.com/rest/api/batchservice/odata-filters-in-batch) and a
 * {@code $select} of the fields the farm reads. A 10,000-task job costs ten pages of 1,000 the first
 * time, and then one page while fewer than 1,000 tasks change between two looks.
 *
 * <p>The watermark is the service's own time (the latest stateTransitionTime seen), so this machine's
 * clock plays no part; tasks at the watermark itself are listed again ({@code ge}). A transition the
 * service would make visible out of order is caught by listing the whole job again every
 * {@link #FULL_EVERY}, and once the job is seen completed ({@link #forget}): a watcher's last look at a
 * job is always a whole one.
 */
final class TaskListing {

    static final String SELECT = "id,state,stateTransitionTime,executionInfo,environmentSettings";
    static final Duration FULL_EVERY = Duration.ofMinutes(10);

    private final BatchClient client;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    TaskListing(BatchClient client) {
        this.client = client;
    }

    private static final class Job {
        final Map<String, TaskInfo> tasks = new HashMap<>();
        Instant watermark;
        long listedWhole;
    }

    /** The next {@link #tasks} of this job lists it whole. */
    void forget(String jobId) {
        jobs.remove(jobId);
    }

    /** Every task of the job as Batch has it now, in no particular order. */
    List<TaskInfo> tasks(String jobId) {
        Job job = jobs.computeIfAbsent(jobId, k -> new Job());
        synchronized (job) {
            TaskListOptions options = new TaskListOptions().withSelect(SELECT);
            if (job.watermark != null && System.nanoTime() - job.listedWhole > FULL_EVERY.toNanos()) {
                job.watermark = null;
            }
            if (job.watermark == null) {
                job.listedWhole = System.nanoTime();
            } else {
                options.withFilter("stateTransitionTime ge datetime'"
                        + DateTimeFormatter.ISO_INSTANT.format(job.watermark) + "'");
            }
            List<CloudTask> changed;
            try {
                changed = new ArrayList<>(client.protocolLayer().tasks().list(jobId, options));
            } catch (RuntimeException e) {
                throw BatchErrors.explain("listing the tasks of job " + jobId, e);
            }
            for (CloudTask t : changed) {
                job.tasks.put(t.id(), AzureViews.task(t));
                DateTime at = t.stateTransitionTime();
                if (at != null && (job.watermark == null || at.getMillis() > job.watermark.toEpochMilli())) {
                    job.watermark = Instant.ofEpochMilli(at.getMillis());
                }
            }
            return new ArrayList<>(job.tasks.values());
        }
    }
}

package io.batchrender.farm.azure;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.TaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.TaskFailureInformation;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.TaskCounts;
import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.TaskState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.joda.time.DateTime;

/** Batch's answers as the farm's value types: pure mapping, no I/O. */
final class AzureViews {

    private AzureViews() {
    }

    static JobInfo job(CloudJob j, TaskCounts counts, Path defaultOutput) {
        String state = j.state() == null ? "active" : j.state().toString();
        JobState s = switch (state) {
            case "terminating" -> JobState.TERMINATING;
            case "completed" -> JobState.COMPLETED;
            case "deleting" -> JobState.DELETING;
            default -> JobState.ACTIVE;
        };
        String name = meta(j, BatchRequests.META_NAME).orElse(j.displayName() == null ? j.id() : j.displayName());
        Path out = meta(j, BatchRequests.META_OUTPUT_DIR).map(Path::of).orElse(defaultOutput);
        Optional<Instant> ended = j.executionInfo() == null ? Optional.empty() : instant(j.executionInfo().endTime());
        return new JobInfo(j.id(), name, s, meta(j, BatchRequests.META_RENDERER).orElse("unknown"),
                meta(j, BatchRequests.META_SCENE).map(Path::of), out, instant(j.creationTime()).orElse(Instant.EPOCH),
                ended, counts, pool(j));
    }

    /**
     * The pool a job runs on: its {@code poolInfo.poolId}; for an auto-pool the pool Batch made for it
     * ({@code executionInfo.poolId}) once it exists, else {@code "auto-pool"}. Fields as the REST
     * reference names them: https://learn.microsoft.com/rest/api/batchservice/job/get
     */
    static String pool(CloudJob j) {
        if (j.poolInfo() != null && j.poolInfo().poolId() != null) {
            return j.poolInfo().poolId();
        }
        if (j.executionInfo() != null && j.executionInfo().poolId() != null) {
            return j.executionInfo().poolId();
        }
        return j.poolInfo() != null && j.poolInfo().autoPoolSpecification() != null ? "auto-pool" : "";
    }

    static Optional<String> meta(CloudJob j, String name) {
        if (j.metadata() == null) {
            return Optional.empty();
        }
        return j.metadata().stream().filter(m -> name.equals(m.name())).map(MetadataItem::value).findFirst();
    }

    static TaskCounts counts(com.microsoft.azure.batch.protocol.models.TaskCounts c) {
        return new TaskCounts(c.active(), c.running(), c.succeeded(), c.failed());
    }

    static TaskInfo task(CloudTask t) {
        String state = t.state() == null ? "active" : t.state().toString();
        TaskState s = switch (state) {
            case "running", "preparing" -> TaskState.RUNNING;
            case "completed" -> TaskState.COMPLETED;
            default -> TaskState.ACTIVE;
        };
        TaskExecutionInformation e = t.executionInfo();
        int retries = e == null ? 0 : e.retryCount();
        int requeues = e == null ? 0 : e.requeueCount();
        Optional<Instant> start = e == null ? Optional.empty() : instant(e.startTime());
        int attempts = start.isPresent() ? retries + requeues + 1 : 0;
        Optional<TaskResult> result = s == TaskState.COMPLETED && e != null && e.result() != null
                ? Optional.of(TaskResult.fromWire(e.result().toString())) : Optional.empty();
        Optional<Integer> exit = e == null ? Optional.empty() : Optional.ofNullable(e.exitCode());
        Optional<TaskFailure> failure = s == TaskState.COMPLETED && e != null && e.failureInfo() != null
                ? Optional.of(failure(e.failureInfo(), exit)) : Optional.empty();
        return new TaskInfo(t.id(), frames(t), s, result, exit, attempts, retries, requeues, start,
                s == TaskState.COMPLETED && e != null ? instant(e.endTime()) : Optional.empty(), failure);
    }

    private static TaskFailure failure(TaskFailureInformation f, Optional<Integer> exit) {
        String code = f.code() == null ? "Unknown" : f.code();
        return switch (code) {
            case "FailureExitCode" -> new TaskFailure(TaskFailure.NON_ZERO_EXIT, "The renderer exited with code "
                    + exit.map(String::valueOf).orElse("?") + ": see the task's logs.");
            case "CommandProgramNotFound" -> new TaskFailure(TaskFailure.RENDERER_NOT_FOUND, f.message()
                    + ": install it on the pool's image or choose another renderer.");
            case "MaxWallClockTimeExceeded" -> new TaskFailure(TaskFailure.TIMEOUT, "The task ran longer than its --timeout.");
            case "TaskEnded" -> new TaskFailure(TaskFailure.CANCELLED, "The task was stopped because its job was cancelled.");
            default -> new TaskFailure(code, f.message() == null ? code : f.message());
        };
    }

    static List<Integer> frames(CloudTask t) {
        List<Integer> out = new ArrayList<>();
        if (t.environmentSettings() != null) {
            for (EnvironmentSetting e : t.environmentSettings()) {
                if (BatchRequests.FRAMES_VAR.equals(e.name()) && e.value() != null && !e.value().isBlank()) {
                    for (String f : e.value().split(",")) {
                        out.add(Integer.parseInt(f.trim()));
                    }
                }
            }
        }
        return out;
    }

    static PoolInfo pool(CloudPool p, int running) {
        int spn = p.taskSlotsPerNode() == null ? 1 : p.taskSlotsPerNode();
        int targetD = p.targetDedicatedNodes() == null ? 0 : p.targetDedicatedNodes();
        int targetL = p.targetLowPriorityNodes() == null ? 0 : p.targetLowPriorityNodes();
        int curD = p.currentDedicatedNodes() == null ? 0 : p.currentDedicatedNodes();
        int curL = p.currentLowPriorityNodes() == null ? 0 : p.currentLowPriorityNodes();
        String alloc = p.allocationState() == null ? "steady" : p.allocationState().toString();
        String poolState = p.state() == null ? "active" : p.state().toString();
        String word = poolState.equals("deleting") ? "deleting"
                : alloc.equals("resizing") ? "resizing"
                : targetD + targetL == 0 ? "paused"
                : running > 0 ? "rendering" : "idle";
        return new PoolInfo(p.id(), (targetD + targetL) * spn, running, word, alloc, p.vmSize(), curD, targetD, curL,
                targetL, spn);
    }

    static Optional<Instant> instant(DateTime t) {
        return t == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.getMillis()));
    }
}

package io.batchrender.farm.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.JobPreparationAndReleaseTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPreparationTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPreparationTaskState;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job whose preparation task failed. The service then "will not run Tasks of this Job on the Compute
 * Node" (JobPreparationTask.waitForSuccess, https://learn.microsoft.com/rest/api/batchservice/job/add):
 * its tasks go back to active and wait for another node, forever when every node failed. Nothing on the
 * job or its tasks says so; only the job's preparation and release task status does
 * (https://learn.microsoft.com/rest/api/batchservice/job/list-preparation-and-release-task-status).
 * This reads it, and the failed preparation task's stderr on its node, into one line.
 */
final class PreparationFailures {

    /** What an expired or revoked SAS looks like to the node's download (Storage's 403 AuthenticationFailed). */
    private static final Pattern SAS_EXPIRED = Pattern.compile("(?i)signed expiry|not valid in the specified time frame|"
            + "sas.*expired|expired.*sas|AuthenticationFailed|AuthorizationFailure|status code 403|\\b403\\b");

    private final BatchClient client;

    PreparationFailures(BatchClient client) {
        this.client = client;
    }

    /** One failed node: where, how it ended, and what it said. */
    record Failure(String poolId, String nodeId, Integer exitCode, String detail) {
    }

    /**
     * What blocks {@code jobId}: empty unless its preparation failed on every node that has run it (none
     * succeeded, none is still running it), one line with the first failure and what to do otherwise.
     */
    Optional<String> blocking(String jobId) {
        List<JobPreparationAndReleaseTaskExecutionInformation> all;
        try {
            all = new ArrayList<>(client.protocolLayer().jobs().listPreparationAndReleaseTaskStatus(jobId));
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter(c -> c.equals("JobPreparationTaskNotSpecified") || c.equals("JobNotFound")).isPresent()) {
                return Optional.empty();
            }
            throw BatchErrors.explain("reading the preparation status of job " + jobId, e);
        }
        List<Failure> failed = new ArrayList<>();
        for (JobPreparationAndReleaseTaskExecutionInformation n : all) {
            JobPreparationTaskExecutionInformation p = n.jobPreparationTaskExecutionInfo();
            if (p == null) {
                continue;
            }
            if (p.state() == JobPreparationTaskState.RUNNING || p.result() == TaskExecutionResult.SUCCESS) {
                return Optional.empty(); // a node is preparing or prepared: the job can go on there
            }
            if (p.result() == TaskExecutionResult.FAILURE) {
                failed.add(new Failure(n.poolId(), n.nodeId(), p.exitCode(), detail(n, p)));
            }
        }
        if (failed.isEmpty() || freshNodeComing(failed)) {
            return Optional.empty();
        }
        return Optional.of(message(jobId, failed));
    }

    /**
     * Whether a pool where the preparation failed has a node that has not tried it yet (a fresh node, e.g. after
     * replace-nodes), or none at all (its nodes are still being allocated): then the job can still go on there, and
     * is not blocked. The status list keeps nodes that have left the pool, so the pool's own node list decides.
     */
    private boolean freshNodeComing(List<Failure> failed) {
        java.util.Set<String> failedIds = new java.util.HashSet<>();
        failed.forEach(f -> failedIds.add(f.nodeId()));
        for (String poolId : failed.stream().map(Failure::poolId).distinct().toList()) {
            List<String> nodes;
            try {
                nodes = client.protocolLayer().computeNodes().list(poolId,
                        new com.microsoft.azure.batch.protocol.models.ComputeNodeListOptions().withSelect("id"))
                        .stream().map(com.microsoft.azure.batch.protocol.models.ComputeNode::id).toList();
            } catch (RuntimeException gone) {
                continue; // the pool is gone (an auto-pool with its job): nothing fresh comes from it
            }
            if (nodes.isEmpty() || !failedIds.containsAll(nodes)) {
                return true;
            }
        }
        return false;
    }

    /** The nodes of {@code jobId} whose preparation failed, by pool. */
    List<Failure> failures(String jobId) {
        List<Failure> out = new ArrayList<>();
        try {
            for (JobPreparationAndReleaseTaskExecutionInformation n : client.protocolLayer().jobs().listPreparationAndReleaseTaskStatus(jobId)) {
                JobPreparationTaskExecutionInformation p = n.jobPreparationTaskExecutionInfo();
                if (p != null && p.result() == TaskExecutionResult.FAILURE) {
                    out.add(new Failure(n.poolId(), n.nodeId(), p.exitCode(), ""));
                }
            }
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("JobPreparationTaskNotSpecified"::equals).isPresent()) {
                return List.of();
            }
            throw BatchErrors.explain("reading the preparation status of job " + jobId, e);
        }
        return out;
    }

    static String message(String jobId, List<Failure> failed) {
        Failure first = failed.get(0);
        String where = failed.size() == 1 ? "node " + first.nodeId() : failed.size() + " nodes (first " + first.nodeId() + ")";
        String exit = first.exitCode() == null ? "" : " with exit code " + first.exitCode();
        String said = first.detail().isEmpty() ? "" : ": " + first.detail();
        String hint = SAS_EXPIRED.matcher(first.detail()).find()
                ? " The asset project's SAS looks expired or revoked: submit the job again (a new SAS is made), then cancel this one."
                : " Retry on fresh nodes with 'batchrender job replace-nodes " + jobId + " --farm azure', or end it with"
                + " 'batchrender job cancel " + jobId + " --farm azure'.";
        return "The job's preparation (laying its asset project out on the node) failed on " + where + exit + said
                + "; Batch runs none of its tasks there, so they wait." + hint;
    }

    /** The failure info's message, else the last line of the preparation task's stderr on its node. */
    private String detail(JobPreparationAndReleaseTaskExecutionInformation n, JobPreparationTaskExecutionInformation p) {
        StringBuilder out = new StringBuilder();
        if (p.failureInfo() != null && p.failureInfo().message() != null) {
            out.append(p.failureInfo().code() == null ? "" : p.failureInfo().code() + ": ")
                    .append(oneLine(p.failureInfo().message()));
        }
        String stderr = lastLine(stderr(n, p));
        if (!stderr.isEmpty()) {
            out.append(out.length() == 0 ? "" : "; ").append(stderr);
        }
        return out.toString();
    }

    private String stderr(JobPreparationAndReleaseTaskExecutionInformation n, JobPreparationTaskExecutionInformation p) {
        if (p.taskRootDirectory() == null || n.poolId() == null || n.nodeId() == null) {
            return "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            client.protocolLayer().files().getFromComputeNode(n.poolId(), n.nodeId(), p.taskRootDirectory() + "/stderr.txt", bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return ""; // the node is gone or the file unreadable: the exit code still says it failed
        }
    }

    /** A message on one line, no longer than 300 characters: a node's error may carry a whole XML body. */
    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }
}

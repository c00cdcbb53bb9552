package io.batchrender.farm.local;

import io.batchrender.settings.StateHome;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code AZ_BATCH_*} variables of a task, set to folders on this workstation laid out
 * like a Batch node's, so a job written for Batch runs here unchanged. The node's root is
 * {@code <state folder>/node} (with {@code shared/} and {@code startup/}); a task's folder
 * ({@code AZ_BATCH_TASK_DIR}) is its attempt's folder, holding {@code stdout.txt},
 * {@code stderr.txt} and the working folder {@code wd/}. Each retry gets a folder of its own, so the
 * logs of every attempt are kept.
 */
final class BatchNodeDirs {

    private static final String NODE_ID = "local-" + hostName();

    private BatchNodeDirs() {
    }

    static Path nodeRoot(StateHome home) {
        return home.dir().resolve("node");
    }

    /** The working folder of a task whose folder is {@code taskDir}. */
    static Path workingDir(Path taskDir) {
        return taskDir.resolve("wd");
    }

    /** Creates the node's folders and the task's working folder, and returns the variables. */
    static Map<String, String> prepare(StateHome home, ClaimedTask task, Path taskDir) throws IOException {
        Path root = nodeRoot(home);
        Path shared = root.resolve("shared");
        Path startup = root.resolve("startup");
        Files.createDirectories(shared);
        Files.createDirectories(startup.resolve("wd"));
        Files.createDirectories(workingDir(taskDir));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZ_BATCH_NODE_ROOT_DIR", root.toString());
        env.put("AZ_BATCH_NODE_SHARED_DIR", shared.toString());
        env.put("AZ_BATCH_NODE_STARTUP_DIR", startup.toString());
        env.put("AZ_BATCH_NODE_STARTUP_WORKING_DIR", startup.resolve("wd").toString());
        env.put("AZ_BATCH_POOL_ID", Agent.POOL);
        env.put("AZ_BATCH_NODE_ID", NODE_ID);
        env.put("AZ_BATCH_NODE_IS_DEDICATED", "true");
        env.put("AZ_BATCH_JOB_ID", task.jobId());
        env.put("AZ_BATCH_TASK_ID", task.taskId());
        env.put("AZ_BATCH_TASK_DIR", taskDir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", workingDir(taskDir).toString());
        if (task.prepId().isPresent() && task.role() != TaskRole.PREPARATION) {
            // Batch sets these for every task of a job with a preparation task, except that task itself
            Path prepDir = AttemptFiles.of(home, task.jobId(), task.prepId().get(), Math.max(1, task.prepAttempt())).dir();
            env.put("AZ_BATCH_JOB_PREP_DIR", prepDir.toString());
            env.put("AZ_BATCH_JOB_PREP_WORKING_DIR", workingDir(prepDir).toString());
        }
        return env;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9-]", "-");
        } catch (IOException e) {
            return "workstation";
        }
    }
}

package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.TaskInfo;
import io.batchrender.job.Command;
import io.batchrender.job.DependsOn;
import io.batchrender.job.OutputFile;
import io.batchrender.settings.StateHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state folder written by the version before the job model (its {@code farm.db} made with that
 * version's tables and rows, copied below from its {@code JobDatabaseSchema}, {@code JobDatabase.insertJob}
 * and {@code TemplateRows.insert}), opened by this one: its jobs are migrated in place, whatever their
 * state, and the real agent runs them to completion.
 */
class OldStateFolderTest {

    @TempDir
    Path tmp;

    /** The tables as the last version before the job model left them (created, then columns added). */
    private static final String[] OLD_DDL = {
        "CREATE TABLE jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, state TEXT NOT NULL, renderer TEXT NOT NULL,"
                + " scene TEXT, output_dir TEXT NOT NULL, own_output INTEGER NOT NULL, max_retries INTEGER NOT NULL,"
                + " timeout_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL, ended_ms INTEGER, environment TEXT, kind TEXT,"
                + " priority INTEGER NOT NULL DEFAULT 0, deadline_ms INTEGER)",
        "CREATE INDEX jobs_by_state ON jobs(state, created_ms)",
        "CREATE TABLE tasks (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, id TEXT NOT NULL,"
                + " seq INTEGER NOT NULL, frames TEXT NOT NULL, command TEXT NOT NULL, state TEXT NOT NULL, result TEXT,"
                + " exit_code INTEGER, attempts INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,"
                + " requeues INTEGER NOT NULL DEFAULT 0, failure_code TEXT, failure_message TEXT, started_ms INTEGER,"
                + " ended_ms INTEGER, pid INTEGER, pid_start_ms INTEGER, template TEXT, role TEXT, PRIMARY KEY (job_id, id))",
        "CREATE INDEX tasks_by_state ON tasks(job_id, state, seq)",
        "CREATE INDEX tasks_running ON tasks(state) WHERE state = 'running'",
        "CREATE INDEX tasks_by_role ON tasks(job_id, role)",
        "CREATE TABLE pools (id TEXT PRIMARY KEY, target_slots INTEGER NOT NULL, shrink TEXT NOT NULL DEFAULT 'requeue')",
    };

    /** Gson of the old TaskCommand: sh writes frame 2's image into the attempt's output folder. */
    private static final String SCENE_COMMAND = "{\"program\":{\"name\":\"sh\",\"pathVar\":\"\",\"homeVar\":\"\","
            + "\"homeRelative\":\"\",\"installHint\":\"Install sh or put the folder that holds it on PATH.\"},"
            + "\"args\":[\"-c\",\"echo 2 \\u003e \\\"$0/frame_0002.png\\\"\",\"${BATCHRENDER_OUTPUT_DIR}\"],\"minOutputFiles\":1}";

    /** Gson of an old TemplateTask (nulls left out, as Gson does), for {@code role} and a command line. */
    private static String template(String role, String line, String extra) {
        return "{\"role\":\"" + role + "\",\"commandLine\":\"" + line.replace("\"", "\\\"") + "\",\"environment\":{\"SHOT\":\"010\"},"
                + "\"resourceFiles\":[],\"outputFiles\":[]," + extra + "\"maxRetries\":"
                + (role.equals("TASK") ? 1 : 0) + ",\"timeoutMs\":" + (role.equals("RELEASE") ? 900000 : 0)
                + ",\"waitForPrep\":" + !role.equals("PREPARATION") + "}";
    }

    private void writeOldDatabase(Path file, Path sceneOut) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String ddl : OLD_DDL) {
                st.execute(ddl);
            }
            // a scene job: frame 1 rendered, frame 2 left running by an agent that died before it recorded the pid
            st.execute("INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, max_retries, timeout_ms,"
                    + " created_ms, environment) VALUES ('scene-old', 'shot', 'active', 'blender', '/scenes/shot.blend', '"
                    + sceneOut + "', 0, 2, 600000, 1000, NULL)");
            st.execute("INSERT INTO tasks (job_id, id, seq, frames, command, state, result, exit_code, attempts, started_ms,"
                    + " ended_ms) VALUES ('scene-old', '1', 0, '[1]', '" + SCENE_COMMAND + "', 'completed', 'success', 0, 1,"
                    + " 1100, 1200)");
            st.execute("INSERT INTO tasks (job_id, id, seq, frames, command, state, attempts, started_ms) VALUES"
                    + " ('scene-old', '2', 1, '[2]', '" + SCENE_COMMAND + "', 'running', 1, 1300)");
            // a finished scene job, kept as it was
            st.execute("INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, max_retries, timeout_ms,"
                    + " created_ms, ended_ms, environment) VALUES ('done-old', 'old', 'completed', 'blender', NULL, '"
                    + sceneOut + "', 0, 0, 0, 500, 900, NULL)");
            st.execute("INSERT INTO tasks (job_id, id, seq, frames, command, state, result, exit_code, attempts) VALUES"
                    + " ('done-old', '1', 0, '[1]', '" + SCENE_COMMAND + "', 'completed', 'success', 0, 1)");
            // a template job: preparation and task 0 done, task 1 waiting, a merge task uploading to a file group
            // and a release task, as TemplateRows.insert stored them (command lines already wrapped)
            st.execute("INSERT INTO jobs (id, name, state, renderer, scene, output_dir, own_output, max_retries, timeout_ms,"
                    + " created_ms, environment, kind, priority, deadline_ms) VALUES ('tpl-old', 'tpl-old', 'active', 'template',"
                    + " NULL, '" + tmp.resolve("tpl-out") + "', 1, 0, 0, 2000, NULL, 'template', 10, NULL)");
            String line = "/bin/sh -c 'echo $SHOT-%s > $AZ_BATCH_NODE_SHARED_DIR/%s.txt'";
            String dummy = "{\"program\":{\"name\":\"/bin/sh\"},\"args\":[],\"minOutputFiles\":0}";
            Object[][] rows = {
                {"jobpreparation", 0, "preparation", "PREPARATION", "completed", "success", 1, ""},
                {"0", 1, null, "TASK", "completed", "success", 1, "\"dependsOn\":[],"},
                {"1", 2, null, "TASK", "active", null, 0, "\"dependsOn\":[],"},
                {"merge", 3, null, "TASK", "active", null, 0, "\"dependsOn\":[\"0\",\"1\"],"},
                {"jobrelease", 4, "release", "RELEASE", "active", null, 0, ""},
            };
            for (Object[] r : rows) {
                String id = (String) r[0];
                String json = template((String) r[3], line.formatted(id, id), (String) r[7]);
                if (id.equals("merge")) {
                    json = json.replace("\"outputFiles\":[]", "\"outputFiles\":[{\"filePattern\":\"../stdout.txt\","
                            + "\"uploadCondition\":\"tasksuccess\",\"container\":\"fgrp-results\",\"path\":\"merge-log.txt\"}]");
                }
                try (var ps = c.prepareStatement("INSERT INTO tasks (job_id, id, seq, frames, command, state, result, attempts,"
                        + " template, role) VALUES ('tpl-old', ?, ?, '[]', ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setInt(2, (Integer) r[1]);
                    ps.setString(3, dummy);
                    ps.setString(4, (String) r[4]);
                    ps.setString(5, (String) r[5]);
                    ps.setInt(6, (Integer) r[6]);
                    ps.setString(7, json);
                    ps.setString(8, (String) r[2]);
                    ps.executeUpdate();
                }
            }
        }
    }

    @Test
    void theOldRowsBecomeTheTasksTheyWere() throws Exception {
        Path file = tmp.resolve("farm.db");
        writeOldDatabase(file, tmp.resolve("out"));

        try (JobDatabase db = JobDatabase.open(file)) {
            var scene = db.claimNext("scene-old", 5000);
            assertEquals(Optional.empty(), scene, "frame 2 is still marked running: the agent requeues it");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                rs.next();
                assertEquals(JobDatabaseSchema.MIGRATIONS.version(), rs.getInt(1));
            }
            db.finishAttempt("scene-old", "2", 1, 0, 0, AttemptOutcome.requeued(), 5001);
            ClaimedTask frame2 = db.claimNext("scene-old", 5002).orElseThrow();
            assertEquals(2, frame2.attempt());
            var call = (Command.Call) frame2.task().command();
            assertEquals("sh", call.program().name());
            assertEquals(List.of("-c", "echo 2 > \"$0/frame_0002.png\"", Command.OUTPUT_DIR), call.args());
            assertEquals(List.of(2), frame2.task().frames());
            assertEquals(1, frame2.task().requiredOutputs());
            assertEquals(List.of(SceneTasks.IMAGES), frame2.task().outputFiles());
            assertEquals(2, frame2.maxRetries(), "the job's max_retries");
            assertEquals(Optional.of(Duration.ofMinutes(10)), frame2.timeout(), "the job's timeout_ms");

            ClaimedTask one = db.claimNext("tpl-old", 5003).orElseThrow();
            assertEquals("1", one.taskId(), "the preparation and task 0 had succeeded");
            assertEquals(Optional.of("jobpreparation"), one.prepId());
            assertEquals(Map.of("SHOT", "010"), one.task().environment());
            assertEquals(1, one.maxRetries());
            db.finishAttempt("tpl-old", "1", 1, 0, 1, AttemptOutcome.succeeded(0), 5004);
            ClaimedTask merge = db.claimNext("tpl-old", 5005).orElseThrow();
            assertEquals(new DependsOn(List.of("0", "1"), List.of()), merge.task().dependsOn());
            OutputFile out = merge.task().outputFiles().get(0);
            assertEquals(Optional.of("fgrp-results"), out.destination().autoStorageContainerName());
            assertEquals("merge-log.txt", out.destination().path());

            JobInfo done = db.job("done-old").orElseThrow();
            assertEquals(JobState.COMPLETED, done.state());
            assertEquals(1, done.counts().succeeded());
        }
    }

    @Test
    void theRealAgentRunsTheMigratedJobsToCompletion() throws Exception {
        Path sceneOut = tmp.resolve("out");
        Files.createDirectories(sceneOut);
        StateHome home = new StateHome(tmp.resolve("state"));
        home.ensure();
        writeOldDatabase(home.database(), sceneOut);

        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            f.farm.farm.resize("local", 2);

            JobInfo scene = f.farm.awaitCompleted("scene-old", Duration.ofSeconds(60));
            assertTrue(scene.succeeded(), f.farm.diagnostics("scene-old"));
            assertEquals("2\n", Files.readString(sceneOut.resolve("frame_0002.png")));
            TaskInfo frame2 = f.farm.task("scene-old", "2");
            assertEquals(2, frame2.attempts());
            assertEquals(1, frame2.requeueCount(), "the dead agent's attempt was put back, not counted as a failure");
            assertTrue(Files.readString(AttemptFiles.of(f.farm.home, "scene-old", "2", 2).manifest()).contains("frame_0002.png"));

            JobInfo tpl = f.farm.awaitCompleted("tpl-old", Duration.ofSeconds(60));
            assertTrue(tpl.succeeded(), f.farm.diagnostics("tpl-old"));
            Path shared = f.farm.home.dir().resolve("node").resolve("shared");
            assertEquals("010-1\n", Files.readString(shared.resolve("1.txt")));
            assertEquals("010-merge\n", Files.readString(shared.resolve("merge.txt")));
            assertEquals("010-jobrelease\n", Files.readString(shared.resolve("jobrelease.txt")));
            assertEquals(List.of("merge-log.txt"), f.blobNames("fgrp-results"));
            assertEquals(1, f.farm.task("tpl-old", "0").attempts(), "task 0 had succeeded: it did not run again");
        }
    }
}

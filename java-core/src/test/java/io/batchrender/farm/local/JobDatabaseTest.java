package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.compile.TemplateCompiler;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.job.Command;
import io.batchrender.job.Job;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job database across versions of this tool. */
class JobDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void aDatabaseFromBeforePoolsHadAShrinkPolicyIsBroughtUpToDateKeepingItsSlots() throws Exception {
        Path file = tmp.resolve("farm.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE pools (id TEXT PRIMARY KEY, target_slots INTEGER NOT NULL)");
            st.execute("INSERT INTO pools VALUES ('local', 3)");
        }

        try (JobDatabase db = JobDatabase.open(file)) {
            assertEquals(3, db.targetSlots("local", 8));
            assertEquals(ShrinkPolicy.REQUEUE, db.shrinkPolicy("local"));
            db.setTargetSlots("local", 0, ShrinkPolicy.TASKCOMPLETION);
            assertEquals(ShrinkPolicy.TASKCOMPLETION, db.shrinkPolicy("local"));
        }
    }

    @Test
    void aDatabaseFromBeforeTemplateJobsKeepsItsJobsAndTakesTemplateJobs() throws Exception {
        Path file = tmp.resolve("farm.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, state TEXT NOT NULL, renderer TEXT NOT NULL,"
                    + " scene TEXT, output_dir TEXT NOT NULL, own_output INTEGER NOT NULL, max_retries INTEGER NOT NULL,"
                    + " timeout_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL, ended_ms INTEGER, environment TEXT)");
            st.execute("CREATE TABLE tasks (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, id TEXT NOT NULL,"
                    + " seq INTEGER NOT NULL, frames TEXT NOT NULL, command TEXT NOT NULL, state TEXT NOT NULL, result TEXT,"
                    + " exit_code INTEGER, attempts INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,"
                    + " requeues INTEGER NOT NULL DEFAULT 0, failure_code TEXT, failure_message TEXT, started_ms INTEGER,"
                    + " ended_ms INTEGER, pid INTEGER, pid_start_ms INTEGER, PRIMARY KEY (job_id, id))");
            st.execute("INSERT INTO jobs VALUES ('old-job', 'old', 'active', 'blender', NULL, '/tmp/out', 1, 0, 0, 1, NULL, NULL)");
            st.execute("INSERT INTO tasks (job_id, id, seq, frames, command, state) VALUES ('old-job', '1', 0, '[1]',"
                    + " '{\"program\":{\"name\":\"blender\"},\"args\":[],\"minOutputFiles\":0}', 'active')");
        }

        try (JobDatabase db = JobDatabase.open(file)) {
            assertEquals(java.util.List.of("old-job"), db.activeJobsWithWork());
            assertEquals(1, db.tasks("old-job").size());
            var claimed = db.claimNext("old-job", 2).orElseThrow();
            assertEquals("1", claimed.taskId());
            assertEquals("blender", ((Command.Call) claimed.task().command()).program().name());

            db.insert("tpl", compile("{\"id\": \"tpl\"}", "{\"id\": \"0\", \"commandLine\": \"/bin/true\"}"),
                    tmp.resolve("out"), true, 3);
            var task = db.claimNext("tpl", 4).orElseThrow();
            assertEquals(new Command.Line("/bin/true"), task.task().command());
        }
    }

    @Test
    void aTemplateJobDeletedAndSubmittedAgainUnderItsIdIsScheduledAfresh() {
        Job plan = compile("{\"id\": \"shot\"}",
                "{\"id\": \"b\", \"commandLine\": \"/bin/true\"}", "{\"id\": \"c\", \"commandLine\": \"/bin/true\"}",
                "{\"id\": \"a\", \"commandLine\": \"/bin/true\", \"dependsOn\": {\"taskIds\": [\"b\", \"c\"]}}");
        try (JobDatabase db = JobDatabase.open(tmp.resolve("farm.db"))) {
            db.insert("shot", plan, tmp, true, 10);
            var b = db.claimNext("shot", 11).orElseThrow();
            var c = db.claimNext("shot", 11).orElseThrow();
            db.finishAttempt("shot", b.taskId(), 1, 0, 0, AttemptOutcome.succeeded(0), 12);
            assertEquals(java.util.Optional.empty(), db.claimNext("shot", 12), "a waits for c; b is known to have succeeded");
            db.deleteJobRows("shot");

            db.insert("shot", plan, tmp, true, 20);
            assertEquals("b", db.claimNext("shot", 21).orElseThrow().taskId());
            var c2 = db.claimNext("shot", 21).orElseThrow();
            assertEquals("c", c2.taskId());
            db.finishAttempt("shot", c2.taskId(), 1, 0, 0, AttemptOutcome.succeeded(0), 22);
            assertEquals(java.util.Optional.empty(), db.claimNext("shot", 22),
                    "the new job's b has not succeeded: what the deleted job's claims learnt does not carry over");
            assertEquals("c", c.taskId());
        }
    }

    private static Job compile(String job, String... tasks) {
        return TemplateCompiler.compile(TemplateJobFixture.job(job, tasks));
    }
}

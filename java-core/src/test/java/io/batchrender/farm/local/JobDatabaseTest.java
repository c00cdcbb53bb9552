package io.batchrender.farm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.farm.ShrinkPolicy;
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
}

package io.batchrender.bridge;

import com.google.gson.JsonObject;
import io.batchrender.farm.TaskLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A task's log as the bridge returns it: its files' paths and the end of each. */
final class LogView {

    private LogView() {
    }

    static JsonObject of(String jobId, String taskId, TaskLog log, int tailBytes) {
        JsonObject o = new JsonObject();
        o.addProperty("jobId", jobId);
        o.addProperty("taskId", taskId);
        o.addProperty("attempt", log.attempt());
        o.addProperty("stdoutPath", log.stdout().toString());
        o.addProperty("stderrPath", log.stderr().toString());
        o.addProperty("stdout", tail(log.stdout(), tailBytes));
        o.addProperty("stderr", tail(log.stderr(), tailBytes));
        return o;
    }

    static String tail(Path file, int tailBytes) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - tailBytes);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

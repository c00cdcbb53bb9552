package io.batchrender.farm.azure;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.farm.TaskCounts;
import io.batchrender.settings.PrivateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The task counts of completed jobs, kept on this machine: a completed job takes no new tasks and its
 * tasks do not run again, so its counts never change, and listing the account's jobs need not ask
 * Batch for them every time (the panel lists jobs every few seconds). Keyed by account and job id; the
 * newest {@value #KEEP} are kept. A file that cannot be read is ignored and the counts asked again.
 */
final class CompletedJobCounts {

    private static final Logger LOG = Logger.getLogger(CompletedJobCounts.class.getName());
    static final int KEEP = 5_000;

    private final Path file;
    private final String account;
    private Map<String, TaskCounts> counts;
    private boolean dirty;

    CompletedJobCounts(Path file, String account) {
        this.file = file;
        this.account = account;
    }

    synchronized Optional<TaskCounts> get(String jobId) {
        return Optional.ofNullable(load().get(key(jobId)));
    }

    /** Remembers {@code c}; {@link #flush} writes what was remembered. */
    synchronized void put(String jobId, TaskCounts c) {
        Map<String, TaskCounts> all = load();
        all.put(key(jobId), c);
        while (all.size() > KEEP) {
            all.remove(all.keySet().iterator().next());
        }
        dirty = true;
    }

    /** Writes the file once for everything remembered since the last flush (atomically, 0600). */
    synchronized void flush() {
        if (!dirty) {
            return;
        }
        JsonObject o = new JsonObject();
        load().forEach((k, v) -> {
            JsonObject e = new JsonObject();
            e.addProperty("active", v.active());
            e.addProperty("running", v.running());
            e.addProperty("succeeded", v.succeeded());
            e.addProperty("failed", v.failed());
            o.add(k, e);
        });
        try {
            PrivateFile.write(file.getParent(), file.getFileName().toString(), o.toString());
            dirty = false;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot keep the completed jobs' counts in " + file, e); // asked again next time
        }
    }

    private String key(String jobId) {
        return account + " " + jobId;
    }

    private Map<String, TaskCounts> load() {
        if (counts != null) {
            return counts;
        }
        counts = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
                o.entrySet().forEach(e -> {
                    JsonObject v = e.getValue().getAsJsonObject();
                    counts.put(e.getKey(), new TaskCounts(v.get("active").getAsInt(), v.get("running").getAsInt(),
                            v.get("succeeded").getAsInt(), v.get("failed").getAsInt()));
                });
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "ignoring unreadable " + file, e);
                counts.clear();
            }
        }
        return counts;
    }
}

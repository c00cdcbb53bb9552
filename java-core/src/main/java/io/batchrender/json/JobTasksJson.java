package io.batchrender.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A job with every one of its tasks as JSON ({@link JsonViews#jobWithTasks}'s shape), written as the tasks are read,
 * a page at a time: what {@code submit --wait --json} and {@code template run --wait --json} print. Memory holds one
 * page, whatever the job's size (before, the whole job's tasks and then the whole text were built first).
 */
public final class JobTasksJson {

    /** Tasks read a page. */
    public static final int PAGE_SIZE = 1000;

    private JobTasksJson() {
    }

    /**
     * Writes {@code job} and its tasks, asking {@code pages} for page 1, 2, ... ({@link #PAGE_SIZE} tasks each) until
     * a page comes back short, then a line break; flushes {@code out}.
     */
    public static void write(Writer out, JobInfo job, IntFunction<TaskPage> pages) {
        try {
            JsonWriter w = JsonViews.GSON.newJsonWriter(out);
            w.beginObject();
            JsonObject head = JsonViews.job(job);
            for (Map.Entry<String, JsonElement> e : head.entrySet()) {
                w.name(e.getKey());
                JsonViews.GSON.toJson(e.getValue(), w);
            }
            w.name("tasks");
            w.beginArray();
            for (int n = 1; ; n++) {
                TaskPage page = pages.apply(n);
                for (TaskInfo t : page.tasks()) {
                    JsonViews.GSON.toJson(JsonViews.task(t), w);
                }
                if (page.tasks().size() < page.query().pageSize()) {
                    break;
                }
            }
            w.endArray();
            w.endObject();
            w.flush();
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

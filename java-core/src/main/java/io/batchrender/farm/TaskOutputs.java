package io.batchrender.farm;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a farm keeps the files its finished tasks wrote, and a way to read them out: the local
 * farm's job output folder, or an Azure Blob Storage output container. The watcher downloads
 * through this and nothing else.
 */
public interface TaskOutputs {

    /**
     * The files {@code task} wrote, when it completed successfully; an empty list for a task that
     * has not (yet) succeeded.
     */
    List<OutputFile> list(String jobId, TaskInfo task) throws IOException;

    /**
     * Called once per look at the job, after its tasks were read and before {@link #list} is called
     * for any of them: whatever was listed before now may be missing what those tasks wrote.
     */
    default void newPoll() {
    }

    /** Opens one output for reading from its first byte. */
    InputStream open(String jobId, OutputFile file) throws IOException;
}

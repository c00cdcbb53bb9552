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

    /** Opens one output for reading from its first byte. */
    InputStream open(String jobId, OutputFile file) throws IOException;
}

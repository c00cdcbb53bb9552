package io.batchrender.farm;

import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.FileGroupFiles;
import java.util.List;

/**
 * A farm's way to run templates ({@link RenderFarm#templates}): the files of its store for
 * {@code taskPerFile}, a job submitted, a pool created. The store is opened when first needed (a
 * dry run may need none) and closed with this.
 */
public interface TemplateRunner extends AutoCloseable {

    /** What a submission made (a job id, or a pool id) and what the user should know about it. */
    record Submitted(String id, List<String> notes) {
        public Submitted {
            notes = List.copyOf(notes);
        }
    }

    /** The files of this farm's store, listed only when a {@code taskPerFile} factory asks. */
    FileGroupFiles files();

    Submitted submit(ExpandedJob job);

    Submitted createPool(ExpandedPool pool);

    @Override
    void close();
}

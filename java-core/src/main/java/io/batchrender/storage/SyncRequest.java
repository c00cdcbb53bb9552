package io.batchrender.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * What to sync: files and folders (folders are taken whole) into one container, less what the
 * user deselected.
 *
 * @param container the destination container, usually {@link FileGroups#containerName} of a project
 * @param paths     files and folders to upload; each file lands under {@link BlobNames#forLocalPath}
 * @param excluded  files and folders left out (deselected in the panel, {@code --exclude} on the CLI)
 */
public record SyncRequest(String container, List<Path> paths, List<Path> excluded) {

    public SyncRequest {
        paths = List.copyOf(paths);
        excluded = List.copyOf(excluded);
    }

    /** Syncs {@code paths} into the asset project {@code project} (a file group). */
    public static SyncRequest forProject(String project, List<Path> paths) {
        return new SyncRequest(FileGroups.containerName(project), paths, List.of());
    }

    /** The same request, leaving {@code deselected} out. */
    public SyncRequest excluding(List<Path> deselected) {
        return new SyncRequest(container, paths, deselected);
    }
}

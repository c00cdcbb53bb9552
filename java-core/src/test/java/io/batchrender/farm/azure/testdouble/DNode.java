package io.batchrender.farm.azure.testdouble;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** A simulated compute node: a folder tree like /mnt/batch/tasks on a real one, and its slots. */
final class DNode {
    final String id;
    final Path root;
    final boolean lowPriority;
    int runningSlots;
    /** Jobs whose preparation task succeeded on this node. */
    final Set<String> prepared = new HashSet<>();
    /** Jobs whose preparation task failed on this node: the service runs none of their tasks here. */
    final Set<String> prepFailed = new HashSet<>();
    boolean removing;

    DNode(String id, Path root, boolean lowPriority) {
        this.id = id;
        this.root = root;
        this.lowPriority = lowPriority;
    }
}

package io.batchrender.templates;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The type Batch gives the fields templates most often fill from a parameter. A whole-string
 * expression keeps its value's type ({@code "priority": "[parameters('jobPriority')]"} is a
 * number), but an int parameter put whole into a text field ({@code "value":
 * "[parameters('frames')]"} of an environment setting) must still be text for Batch, and a number
 * given as a string parameter must be a number in a count; the Batch CLI extensions get both from
 * their typed models, this does it by the field's name.
 */
final class BatchFieldTypes {

    private static final Set<String> TEXT = Set.of("id", "displayName", "commandLine", "name", "value", "filePath",
            "fileMode", "poolId", "jobId", "vmSize", "httpUrl", "blobPrefix", "autoStorageContainerName",
            "storageContainerUrl", "filePattern", "path", "fileGroup", "containerUrl", "prefix", "nodeAgentSKUId",
            "publisher", "offer", "sku", "version", "virtualMachineImageId", "maxWallClockTime", "retentionTime",
            "resizeTimeout", "autoScaleFormula", "autoScaleEvaluationInterval", "imageName", "workingDirectory");
    private static final Set<String> WHOLE = Set.of("priority", "targetDedicatedNodes", "targetLowPriorityNodes",
            "maxTaskRetryCount", "taskSlotsPerNode", "maxTasksPerNode", "requiredSlots", "numberOfInstances",
            "maxParallelTasks");
    private static final Pattern INT = Pattern.compile("-?\\d{1,18}");

    private BatchFieldTypes() {
    }

    /** The value of a whole-string expression in field {@code key}, in the type Batch expects there. */
    static Node coerce(String key, Node value) {
        if (TEXT.contains(key) && (value instanceof Node.Num || value instanceof Node.Bool)) {
            return new Node.Str(value.line(), Nodes.asText(value));
        }
        if (WHOLE.contains(key) && value instanceof Node.Str s && INT.matcher(s.value().strip()).matches()) {
            return new Node.Num(value.line(), new BigDecimal(s.value().strip()));
        }
        return value;
    }
}

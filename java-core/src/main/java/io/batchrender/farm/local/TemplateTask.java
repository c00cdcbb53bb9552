package io.batchrender.farm.local;

import java.util.List;
import java.util.Map;

/**
 * A task of a template job (an {@code ExpandedJob}) as the local farm stores and runs it: the
 * Batch "add task" fields that mean something on this workstation, already checked. Kept as JSON
 * in the task's row; the job preparation and release tasks are stored the same way.
 *
 * @param role          an ordinary task, the job preparation task or the job release task
 * @param commandLine   Batch's {@code commandLine}: split into words like a shell would, run without one
 * @param environment   the job's {@code commonEnvironmentSettings} with the task's {@code environmentSettings} on top
 * @param resourceFiles fetched into the working folder before the command starts
 * @param outputFiles   uploaded after the command ends
 * @param dependsOn     ids of the tasks that must succeed first ({@code taskIdRanges} expanded)
 * @param maxRetries    how many failed attempts are tried again (-1: without limit)
 * @param timeoutMs     one attempt's wall-clock limit, 0 for none
 * @param waitForPrep   the job preparation task must succeed before this task starts
 */
record TemplateTask(Role role, String commandLine, Map<String, String> environment,
                    List<ResourceFile> resourceFiles, List<OutputSpec> outputFiles, List<String> dependsOn,
                    int maxRetries, long timeoutMs, boolean waitForPrep) {

    enum Role { TASK, PREPARATION, RELEASE }

    TemplateTask {
        environment = Map.copyOf(environment);
        resourceFiles = List.copyOf(resourceFiles);
        outputFiles = List.copyOf(outputFiles);
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * A Batch {@code resourceFile}: exactly one of the sources is set.
     *
     * @param container local store container ({@code autoStorageContainerName}), or null
     * @param blobPrefix only blobs whose name starts with this (with {@code container} or {@code containerUrl})
     * @param containerUrl a container SAS URL ({@code storageContainerUrl}), or null
     * @param httpUrl    one file ({@code file:}, {@code http:}, {@code https:}), or null
     * @param filePath   where it lands, relative to the working folder: the file (httpUrl) or a folder
     * @param fileMode   octal permissions applied on Linux, or null
     */
    record ResourceFile(String container, String blobPrefix, String containerUrl, String httpUrl,
                        String filePath, String fileMode) {

        /** What the file is, for messages. */
        String describe() {
            if (httpUrl != null) {
                return httpUrl;
            }
            String where = container != null ? "container " + container : "container URL " + ContainerUrls.withoutQuery(containerUrl);
            return where + (blobPrefix == null || blobPrefix.isEmpty() ? "" : " prefix " + blobPrefix);
        }
    }

    /**
     * A Batch {@code outputFile}.
     *
     * @param filePattern     files to upload, relative to the working folder ({@code *}, {@code **}, {@code ?})
     * @param uploadCondition {@code taskSuccess}, {@code taskFailure} or {@code taskCompletion}
     * @param container       the local store container (from {@code autoStorage.fileGroup}), or null
     * @param containerUrl    a container SAS URL ({@code container.containerUrl}), or null
     * @param path            the blob name or virtual folder ({@code path}), or null
     */
    record OutputSpec(String filePattern, String uploadCondition, String container, String containerUrl, String path) {

        boolean uploadsWhen(boolean succeeded) {
            return switch (uploadCondition) {
                case "taskfailure" -> !succeeded;
                case "taskcompletion" -> true;
                default -> succeeded;
            };
        }

        String destination() {
            return container != null ? "container " + container : ContainerUrls.withoutQuery(containerUrl);
        }
    }
}

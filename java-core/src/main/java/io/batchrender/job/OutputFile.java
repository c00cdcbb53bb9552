package io.batchrender.job;

import java.util.List;
import java.util.Optional;

/**
 * Batch's {@code outputFile}: files uploaded after the command ends
 * (https://learn.microsoft.com/rest/api/batchservice/task/add#outputfile), with one destination
 * Batch does not have: {@link Destination#jobOutputFolder}, the job's own output folder on the
 * machine that submitted it, which only the local farm has (there the scene compiler sends images
 * straight to the artist's folder, published atomically).
 *
 * @param filePattern     relative to the working folder; {@code *}, {@code **} and {@code ?}
 * @param destination     where they go
 * @param uploadCondition when: {@link UploadCondition}
 */
public record OutputFile(String filePattern, Destination destination, UploadCondition uploadCondition) {

    public OutputFile {
        uploadCondition = uploadCondition == null ? UploadCondition.TASK_SUCCESS : uploadCondition; // Batch's default
        if (filePattern == null || filePattern.isBlank()) {
            throw new IllegalArgumentException("an output file needs a filePattern");
        }
    }

    /** Batch's {@code uploadOptions.uploadCondition}. */
    public enum UploadCondition {
        TASK_SUCCESS, TASK_FAILURE, TASK_COMPLETION;

        public boolean uploadsWhen(boolean succeeded) {
            return switch (this) {
                case TASK_SUCCESS -> succeeded;
                case TASK_FAILURE -> !succeeded;
                case TASK_COMPLETION -> true;
            };
        }

        /** Batch's spelling: {@code taskSuccess}. */
        public String wire() {
            return switch (this) {
                case TASK_SUCCESS -> "taskSuccess";
                case TASK_FAILURE -> "taskFailure";
                case TASK_COMPLETION -> "taskCompletion";
            };
        }

        /** Batch's spelling in any case ({@code taskcompletion}), as templates write it. */
        public static Optional<UploadCondition> parse(String text) {
            for (UploadCondition c : values()) {
                if (c.wire().equalsIgnoreCase(text)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Exactly one of: a container of the farm's store ({@code autoStorageContainerName}, a file
     * group), a container URL with a write SAS ({@code containerUrl}), or the job's output folder.
     *
     * @param path               the blob name (one file) or virtual folder (a pattern with wildcards); for the
     *                           job's output folder, the folder below it; empty: none
     * @param identityResourceId {@code identityReference.resourceId} of a {@code containerUrl}: the pool's
     *                           user-assigned managed identity that writes it without a SAS (Batch nodes only)
     * @param uploadHeaders      {@code uploadHeaders} of a {@code containerUrl}: HTTP headers sent with each
     *                           upload ({@code Content-Type}, {@code x-ms-blob-content-disposition}, ...)
     */
    public record Destination(Optional<String> autoStorageContainerName, Optional<String> containerUrl,
                              boolean jobOutputFolder, String path, Optional<String> identityResourceId,
                              List<HttpHeader> uploadHeaders) {

        public Destination {
            autoStorageContainerName = autoStorageContainerName == null ? Optional.empty() : autoStorageContainerName;
            containerUrl = containerUrl == null ? Optional.empty() : containerUrl; // absent in stored JSON
            int n = (autoStorageContainerName.isPresent() ? 1 : 0) + (containerUrl.isPresent() ? 1 : 0)
                    + (jobOutputFolder ? 1 : 0);
            if (n != 1) {
                throw new IllegalArgumentException("an output file needs exactly one destination");
            }
            path = path == null ? "" : path;
            identityResourceId = identityResourceId == null ? Optional.empty() : identityResourceId;
            uploadHeaders = uploadHeaders == null ? List.of() : List.copyOf(uploadHeaders);
            if ((identityResourceId.isPresent() || !uploadHeaders.isEmpty()) && containerUrl.isEmpty()) {
                // Batch has them on the container destination only (OutputFileBlobContainerDestination)
                throw new IllegalArgumentException("identityReference and uploadHeaders go with a containerUrl");
            }
        }

        public static Destination container(String container, String path) {
            return new Destination(Optional.of(container), Optional.empty(), false, path, Optional.empty(), List.of());
        }

        public static Destination url(String containerUrl, String path) {
            return new Destination(Optional.empty(), Optional.of(containerUrl), false, path, Optional.empty(), List.of());
        }

        public static Destination jobOutputFolder(String path) {
            return new Destination(Optional.empty(), Optional.empty(), true, path, Optional.empty(), List.of());
        }

        /** The same destination at another {@code path}. */
        public Destination withPath(String newPath) {
            return new Destination(autoStorageContainerName, containerUrl, jobOutputFolder, newPath, identityResourceId,
                    uploadHeaders);
        }

        /** Where, for messages: never a SAS token. */
        public String describe() {
            if (jobOutputFolder) {
                return "the job's output folder" + (path.isEmpty() ? "" : " " + path);
            }
            return autoStorageContainerName.map(c -> "container " + c)
                    .orElseGet(() -> Secrets.withoutQuery(containerUrl.orElseThrow())) + (path.isEmpty() ? "" : " " + path);
        }
    }

    /** An HTTP header of an upload ({@code HttpHeader} in the Batch REST reference). */
    public record HttpHeader(String name, String value) {

        public HttpHeader {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an upload header needs a name");
            }
            value = value == null ? "" : value;
        }
    }
}

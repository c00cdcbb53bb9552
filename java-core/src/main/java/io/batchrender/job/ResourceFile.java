package io.batchrender.job;

import java.util.Optional;

/**
 * Batch's {@code resourceFile}: what is fetched into the task's working folder before its command
 * starts (https://learn.microsoft.com/rest/api/batchservice/task/add#resourcefile). Exactly one
 * source is set, as the service requires. A file group is named by its container
 * ({@code autoStorageContainerName}); each farm maps it onto its own store.
 *
 * @param autoStorageContainerName a container of the farm's store (a file group's {@code fgrp-...})
 * @param storageContainerUrl      a container URL with its SAS
 * @param httpUrl                  one file ({@code https:}, {@code http:}, {@code file:})
 * @param blobPrefix               with a container: only blobs whose name starts with it
 * @param filePath                 where it lands, relative to the working folder
 * @param fileMode                 octal permissions on Linux nodes
 * @param identityResourceId       {@code identityReference.resourceId}: the pool's user-assigned managed
 *                                 identity that reads a container URL or https URL without a SAS; only Batch
 *                                 nodes have one
 */
public record ResourceFile(Optional<String> autoStorageContainerName, Optional<String> storageContainerUrl,
                           Optional<String> httpUrl, Optional<String> blobPrefix, Optional<String> filePath,
                           Optional<String> fileMode, Optional<String> identityResourceId) {

    public ResourceFile {
        autoStorageContainerName = orEmpty(autoStorageContainerName); // absent in stored JSON
        storageContainerUrl = orEmpty(storageContainerUrl);
        httpUrl = orEmpty(httpUrl);
        blobPrefix = orEmpty(blobPrefix);
        filePath = orEmpty(filePath);
        fileMode = orEmpty(fileMode);
        identityResourceId = orEmpty(identityResourceId);
        int sources = (autoStorageContainerName.isPresent() ? 1 : 0) + (storageContainerUrl.isPresent() ? 1 : 0)
                + (httpUrl.isPresent() ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("a resource file needs exactly one of autoStorageContainerName,"
                    + " storageContainerUrl and httpUrl");
        }
        if (httpUrl.isPresent() && blobPrefix.isPresent()) {
            throw new IllegalArgumentException("blobPrefix goes with a container, not with httpUrl");
        }
        if (identityResourceId.isPresent() && autoStorageContainerName.isPresent()) {
            // the Batch account's own storage is reached with the account's key, never an identity
            throw new IllegalArgumentException("identityReference goes with storageContainerUrl or httpUrl,"
                    + " not with autoStorageContainerName");
        }
    }

    /** The files of a file group's container below {@code prefix}, into {@code filePath}. */
    public static ResourceFile fromContainer(String container, String prefix, String filePath) {
        return new ResourceFile(Optional.of(container), Optional.empty(), Optional.empty(),
                Optional.of(prefix).filter(p -> !p.isEmpty()), Optional.of(filePath).filter(p -> !p.isEmpty()),
                Optional.empty(), Optional.empty());
    }

    /** The same source, landing at {@code path}. */
    public ResourceFile withFilePath(String path) {
        return new ResourceFile(autoStorageContainerName, storageContainerUrl, httpUrl, blobPrefix,
                Optional.of(path).filter(p -> !p.isEmpty()), fileMode, identityResourceId);
    }

    /** What the file is, for messages: never a SAS token. */
    public String describe() {
        if (httpUrl.isPresent()) {
            return Secrets.withoutQuery(httpUrl.get());
        }
        String where = autoStorageContainerName.map(c -> "container " + c)
                .orElseGet(() -> "container URL " + Secrets.withoutQuery(storageContainerUrl.orElseThrow()));
        return where + blobPrefix.map(p -> " prefix " + p).orElse("");
    }

    private static Optional<String> orEmpty(Optional<String> o) {
        return o == null ? Optional.empty() : o;
    }
}

package io.batchrender.farm.azure;

import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.azure.AzureBlobStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The files of a file group for a {@code taskPerFile} task factory on Azure: each blob of a
 * container under a prefix, with the URL a node downloads it from ({@code {url}} in the
 * template): the blob's URL plus a read+list SAS of its container (one SAS per call, valid
 * {@link io.batchrender.storage.azure.ContainerSas#DEFAULT_LIFETIME}). The shape of the template
 * engine's {@code FileGroupFiles} lister ({@code list(container, prefix)} → (name, url) pairs).
 */
public final class AzureFileGroupFiles {

    /**
     * One file.
     *
     * @param name its blob name (the path in the file group, {@code /}-separated)
     * @param url  its URL with a read SAS
     */
    public record File(String name, String url) {
    }

    private final AzureBlobStore store;

    public AzureFileGroupFiles(AzureBlobStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The blobs of {@code container} whose names start with {@code prefix} (all for ""), sorted by name.
     *
     * @throws UnsupportedTemplateException when the container does not exist
     */
    public List<File> list(String container, String prefix) {
        if (!store.containerExists(container)) {
            String project = FileGroups.projectOf(container).orElse(null);
            throw new UnsupportedTemplateException((project == null ? "Container " + container : "File group '" + project
                    + "' (container " + container + ")") + " is not in " + store.describe() + (project == null
                    ? ": upload the files to it first." : ": upload it with batchrender upload --project " + project + " PATH..."));
        }
        List<BlobInfo> blobs = store.list(container, prefix == null ? "" : prefix);
        if (blobs.isEmpty()) {
            return List.of();
        }
        String sasUrl = store.sas().readListUrl(container);
        String token = sasUrl.substring(sasUrl.indexOf('?') + 1);
        String base = store.containerUrl(container);
        return blobs.stream().map(BlobInfo::name).sorted(Comparator.naturalOrder())
                .map(n -> new File(n, base + "/" + encodePath(n) + "?" + token))
                .toList();
    }

    /** A blob name in a URL: each {@code /}-separated segment percent-encoded (a space as %20), the slashes kept. */
    static String encodePath(String name) {
        return java.util.Arrays.stream(name.split("/", -1)).map(com.azure.storage.common.Utility::urlEncode)
                .collect(java.util.stream.Collectors.joining("/"));
    }
}

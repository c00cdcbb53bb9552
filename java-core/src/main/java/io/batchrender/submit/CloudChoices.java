package io.batchrender.submit;

import io.batchrender.farm.AzureJobSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a submission to a cloud farm adds to the {@link SubmitForm}; ignored by the local farm.
 *
 * @param settings     the pool choice, license servers and variables, and, when the artist gives them, the asset
 *                     and output containers' URLs (then nothing is synced)
 * @param assetProject the asset project the scene's files are synced to; empty: {@link SceneUpload#defaultProject}
 * @param excluded     what of the scan is left out of the upload: references as the scene names them, files,
 *                     folders (the scene itself never is; {@link UploadSelection})
 * @param extraFiles   files and folders uploaded besides what the scan found
 * @param uploadBytesPerSecond the most bytes a second the upload sends over all its connections, so the artist
 *                     leaves bandwidth for the studio ({@code submit --limit-rate}, the bridge's {@code limitRate});
 *                     0: no limit
 */
public record CloudChoices(AzureJobSettings settings, Optional<String> assetProject, List<String> excluded,
                           List<String> extraFiles, long uploadBytesPerSecond) {

    public CloudChoices {
        excluded = List.copyOf(excluded);
        extraFiles = List.copyOf(extraFiles);
        if (uploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("an upload rate limit is 0 (none) or more bytes per second");
        }
    }

    /** No rate limit on the upload. */
    public CloudChoices(AzureJobSettings settings, Optional<String> assetProject, List<String> excluded,
                        List<String> extraFiles) {
        this(settings, assetProject, excluded, extraFiles, 0);
    }

    /** These choices with the upload capped at {@code bytesPerSecond} (0: no limit). */
    public CloudChoices withUploadRate(long bytesPerSecond) {
        return new CloudChoices(settings, assetProject, excluded, extraFiles, bytesPerSecond);
    }

    /** Only the settings: the default asset project, the scan's files as they are. */
    public static CloudChoices of(AzureJobSettings settings, Optional<String> assetProject) {
        return new CloudChoices(settings, assetProject, List.of(), List.of());
    }

    /** True when this submission syncs the scene's asset project (no asset container URL was given). */
    public boolean syncsAssets() {
        return settings.assetContainerUrl().isEmpty() && settings.assetAutoStorageContainer().isEmpty();
    }

    /** The scan's files less what the artist excluded, plus the files and folders they added ({@link UploadSelection}). */
    SceneUpload applyTo(SceneUpload upload, java.util.Optional<io.batchrender.scene.SceneManifest> manifest, Path cwd) {
        if (excluded.isEmpty() && extraFiles.isEmpty()) {
            return upload;
        }
        java.util.Map<String, List<Path>> byReference = new java.util.LinkedHashMap<>();
        manifest.ifPresent(m -> m.assets().forEach(a -> byReference.merge(a.asset().ref().path(), a.asset().files(),
                (x, y) -> java.util.stream.Stream.concat(x.stream(), y.stream()).toList())));
        return new SceneUpload(UploadSelection.apply(upload.files(), byReference, excluded, extraFiles, cwd), upload.pathMap());
    }
}

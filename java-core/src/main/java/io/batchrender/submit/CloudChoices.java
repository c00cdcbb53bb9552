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
 * @param excluded     files and folders of the scan left out of the upload (the scene itself never is)
 * @param extraFiles   files and folders uploaded besides what the scan found
 */
public record CloudChoices(AzureJobSettings settings, Optional<String> assetProject, List<Path> excluded,
                           List<Path> extraFiles) {

    public CloudChoices {
        excluded = List.copyOf(excluded);
        extraFiles = List.copyOf(extraFiles);
    }

    /** Only the settings: the default asset project, the scan's files as they are. */
    public static CloudChoices of(AzureJobSettings settings, Optional<String> assetProject) {
        return new CloudChoices(settings, assetProject, List.of(), List.of());
    }

    /** True when this submission syncs the scene's asset project (no asset container URL was given). */
    public boolean syncsAssets() {
        return settings.assetContainerUrl().isEmpty() && settings.assetAutoStorageContainer().isEmpty();
    }

    /** The scan's files less what the artist excluded, plus the files and folders they added. */
    SceneUpload applyTo(SceneUpload upload) {
        if (excluded.isEmpty() && extraFiles.isEmpty()) {
            return upload;
        }
        java.util.Set<Path> out = new java.util.LinkedHashSet<>();
        Path scene = upload.files().get(0);
        for (Path f : upload.files()) {
            if (f.equals(scene) || excluded.stream().noneMatch(f::startsWith)) {
                out.add(f);
            }
        }
        out.addAll(extraFiles);
        return new SceneUpload(List.copyOf(out), upload.pathMap());
    }
}

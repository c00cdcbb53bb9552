package io.batchrender.farm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job on Azure needs beyond the {@link io.batchrender.job.Job}: where it runs, where
 * its assets come from and its outputs go, and what its tasks' environment holds. The storage
 * parts are plain strings here (SAS URLs, container names) so any storage layer can fill them.
 *
 * @param pool                 where the job runs
 * @param assetContainerUrl    a read SAS URL of the asset project's container
 * @param assetAutoStorageContainer or the container's name in our storage account (signed when the job is sent)
 * @param assetBlobPrefix      only the blobs under this prefix ("" for all)
 * @param outputContainerUrl   a write SAS URL of the job's output container (images/, logs/, thumbs/)
 * @param assetProject         the asset project's name, for the job's metadata
 * @param outputContainer      the output container's name, for the job's metadata
 * @param licenseServers       license servers, into every task's environment
 * @param environment          free-form variables, into every task's environment
 * @param sceneBlob            the scene's blob name in the asset container, so tasks open it on the node
 * @param pathMap              the artist's folders and their places in the asset folder (from
 *                             {@link io.batchrender.render.pathmap.PathMap#rules}); Blender tasks apply them
 */
public record AzureJobSettings(PoolChoice pool, Optional<String> assetContainerUrl,
                               Optional<String> assetAutoStorageContainer, String assetBlobPrefix,
                               Optional<String> outputContainerUrl, Optional<String> assetProject,
                               Optional<String> outputContainer, List<LicenseServer> licenseServers,
                               Map<String, String> environment, Optional<String> sceneBlob,
                               List<io.batchrender.render.pathmap.PathRule> pathMap) {

    public AzureJobSettings {
        licenseServers = List.copyOf(licenseServers);
        environment = Map.copyOf(environment);
        sceneBlob = sceneBlob == null ? Optional.empty() : sceneBlob;
        pathMap = pathMap == null ? List.of() : List.copyOf(pathMap);
        assetBlobPrefix = assetBlobPrefix == null ? "" : assetBlobPrefix;
        if (assetContainerUrl.isPresent() && assetAutoStorageContainer.isPresent()) {
            throw new IllegalArgumentException("Give the asset container as a SAS URL or an auto-storage name, not both.");
        }
    }

    /**
     * The asset project as the job preparation task's resource file: the container's SAS URL, or the
     * container of our store (signed when the job is sent); empty when there is none.
     */
    public Optional<io.batchrender.job.ResourceFile> assets() {
        Optional<String> prefix = Optional.of(assetBlobPrefix).filter(p -> !p.isEmpty());
        if (assetContainerUrl.isPresent()) {
            return Optional.of(new io.batchrender.job.ResourceFile(Optional.empty(), assetContainerUrl, Optional.empty(), prefix,
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return assetAutoStorageContainer.map(c -> new io.batchrender.job.ResourceFile(Optional.of(c), Optional.empty(),
                Optional.empty(), prefix, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** Where the tasks' images, thumbnails and logs go: the output container's SAS URL, or its name in our store. */
    public Optional<io.batchrender.job.OutputFile.Destination> outputs() {
        if (outputContainerUrl.isPresent()) {
            return outputContainerUrl.map(u -> io.batchrender.job.OutputFile.Destination.url(u, ""));
        }
        return outputContainer.map(c -> io.batchrender.job.OutputFile.Destination.container(c, ""));
    }

    /** A job on {@code pool} with no assets, outputs or extra environment. */
    public static AzureJobSettings on(PoolChoice pool) {
        return new AzureJobSettings(pool, Optional.empty(), Optional.empty(), "", Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Map.of(), Optional.empty(), List.of());
    }

    public AzureJobSettings withOutputContainerUrl(String url) {
        return new AzureJobSettings(pool, assetContainerUrl, assetAutoStorageContainer, assetBlobPrefix,
                Optional.of(url), assetProject, outputContainer, licenseServers, environment, sceneBlob, pathMap);
    }

    public AzureJobSettings withAssets(String containerUrl, String blobPrefix) {
        return new AzureJobSettings(pool, Optional.of(containerUrl), Optional.empty(), blobPrefix,
                outputContainerUrl, assetProject, outputContainer, licenseServers, environment, sceneBlob, pathMap);
    }

    /** The asset project is container {@code container} of our store (signed with a read+list SAS when the job is sent). */
    public AzureJobSettings withAssetContainer(String container, String blobPrefix) {
        return new AzureJobSettings(pool, Optional.empty(), Optional.of(container), blobPrefix,
                outputContainerUrl, assetProject, outputContainer, licenseServers, environment, sceneBlob, pathMap);
    }

    /** The scene was uploaded as {@code blobName} in the asset container (the storage layer's name for it). */
    public AzureJobSettings withSceneBlob(String blobName) {
        return new AzureJobSettings(pool, assetContainerUrl, assetAutoStorageContainer, assetBlobPrefix,
                outputContainerUrl, assetProject, outputContainer, licenseServers, environment, Optional.of(blobName), pathMap);
    }

    /** Folder rules the tasks apply to the scene's paths before rendering. */
    public AzureJobSettings withPathMap(List<io.batchrender.render.pathmap.PathRule> rules) {
        return new AzureJobSettings(pool, assetContainerUrl, assetAutoStorageContainer, assetBlobPrefix,
                outputContainerUrl, assetProject, outputContainer, licenseServers, environment, sceneBlob, rules);
    }

    /** The asset project's and the output container's names, recorded in the job's metadata for any tool to find. */
    public AzureJobSettings withStorageNames(String assetProject, String outputContainer) {
        return new AzureJobSettings(pool, assetContainerUrl, assetAutoStorageContainer, assetBlobPrefix,
                outputContainerUrl, Optional.of(assetProject), Optional.of(outputContainer), licenseServers, environment,
                sceneBlob, pathMap);
    }

    public AzureJobSettings withEnvironment(List<LicenseServer> licenses, Map<String, String> env) {
        return new AzureJobSettings(pool, assetContainerUrl, assetAutoStorageContainer, assetBlobPrefix,
                outputContainerUrl, assetProject, outputContainer, licenses, env, sceneBlob, pathMap);
    }
}

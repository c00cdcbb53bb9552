package io.batchrender.farm.azure;

import io.batchrender.farm.PoolImage;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.ImageInformation;
import io.batchrender.farm.FarmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The node agent SKU of a marketplace image, as the service lists it (List Supported Images,
 * {@code GET /supportedimages}: https://learn.microsoft.com/rest/api/batchservice/account/list-supported-images;
 * a recorded answer is in ../shared/azure-batch/recordings-batch-cli-extensions). Each image runs with the agent
 * built for its OS: {@code batch.node.ubuntu 22.04}, {@code batch.node.el 8} for Rocky/Alma/RHEL 8,
 * {@code batch.node.windows amd64}; a pool whose agent does not match its image is refused. Listed once per
 * farm, when a marketplace image first needs it.
 */
final class SupportedImages {

    private final BatchClient client;
    private List<ImageInformation> images;

    SupportedImages(BatchClient client) {
        this.client = client;
    }

    /** {@code image} with its node agent SKU (the one given, or the service's). */
    synchronized PoolImage resolve(PoolImage image) {
        if (!(image instanceof PoolImage.Marketplace m) || !m.nodeAgentSku().isEmpty()) {
            return image;
        }
        for (ImageInformation i : list()) {
            var r = i.imageReference();
            if (r != null && m.publisher().equalsIgnoreCase(r.publisher()) && m.offer().equalsIgnoreCase(r.offer())
                    && m.sku().equalsIgnoreCase(r.sku())) {
                return m.withNodeAgentSku(i.nodeAgentSKUId());
            }
        }
        throw new FarmException("Azure Batch does not list the image " + m + " for this account: choose one of its supported"
                + " images (az batch pool supported-images list), or a Compute Gallery image with --image.");
    }

    private List<ImageInformation> list() {
        if (images == null) {
            try {
                images = new ArrayList<>(client.protocolLayer().accounts().listSupportedImages());
            } catch (RuntimeException e) {
                throw BatchErrors.explain("listing the images Batch supports", e);
            }
        }
        return images;
    }
}

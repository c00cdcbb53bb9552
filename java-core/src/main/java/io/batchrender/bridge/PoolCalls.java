package io.batchrender.bridge;

import com.google.gson.JsonArray;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.farm.Farms;
import io.batchrender.farm.NodePools;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.PoolSpec;
import io.batchrender.json.JsonViews;
import java.util.Optional;
import java.util.Set;

/**
 * Persistent pools through the bridge: create, delete and resize by node counts on Azure Batch.
 * The local farm has one pool ({@code local}, this workstation): it is resized by slots and
 * cannot be created or deleted, which these calls say in one line.
 */
final class PoolCalls {

    static final Set<String> CREATE_FIELDS = Set.of("farm", "id", "vmSize", "dedicatedNodes", "spotNodes", "slotsPerNode",
            "image", "nodeAgentSku", "autoscaleMaxNodes", "subnetId");

    private final Farms farms;

    PoolCalls(Farms farms) {
        this.farms = farms;
    }

    /** A pool to create, as read from JSON (checked before the operation starts). */
    record Create(String farm, PoolSpec spec) {
    }

    Create parseCreate(String json) {
        Requests r = Requests.parse(json, "pool", CREATE_FIELDS);
        String farm = Farms.name(r.string("farm").orElse(Farms.AZURE));
        String id = r.requireString("id");
        int slots = r.integer("slotsPerNode", 1);
        int max = r.integer("autoscaleMaxNodes", 0);
        PoolImage image = image(r.string("image"), r.string("nodeAgentSku"));
        String vm = r.string("vmSize").filter(s -> !s.isBlank()).orElse(Farms.DEFAULT_VM_SIZE);
        PoolSpec spec = new PoolSpec(id, vm, max > 0 ? 0 : r.integer("dedicatedNodes", 1), max > 0 ? 0 : r.integer("spotNodes", 0),
                slots, image, max > 0 ? Optional.of(PoolSpec.followPendingTasks(max, slots)) : Optional.empty(),
                r.string("subnetId"));
        return new Create(farm, spec);
    }

    /**
     * The image from the Env tab's field: empty for Ubuntu 22.04 (Blender installed by the start
     * task), a Compute Gallery resource id, or {@code publisher:offer:sku[:version]} ({@link PoolImage#parse}).
     */
    static PoolImage image(Optional<String> image, Optional<String> sku) {
        try {
            return PoolImage.parse(image.orElse(""), sku);
        } catch (IllegalArgumentException e) {
            throw BridgeException.badRequest("'" + image.orElse("") + "' is not an image", e.getMessage());
        }
    }

    JsonArray create(Create c) {
        try (RenderFarm farm = farms.open(c.farm())) {
            nodePools(farm, "be created").createPool(c.spec());
            return pools(farm);
        }
    }

    JsonArray delete(String farmName, String poolId) {
        try (RenderFarm farm = farms.open(farmName)) {
            nodePools(farm, "be deleted").deletePool(poolId);
            return pools(farm);
        }
    }

    JsonArray resizeNodes(String farmName, String poolId, int dedicated, int spot, ShrinkPolicy policy) {
        try (RenderFarm farm = farms.open(farmName)) {
            nodePools(farm, "be resized by nodes").resizeNodes(poolId, dedicated, spot, policy);
            return pools(farm);
        }
    }

    /** The farm's pools of nodes, or a one-line error for the local farm, whose one pool cannot {@code what}. */
    static NodePools nodePools(RenderFarm farm, String what) {
        return farm.nodePools().orElseThrow(() -> new FarmException("This workstation has one pool, 'local', which cannot "
                + what + ": resize it by slots instead (0 pauses it)."));
    }

    static JsonArray pools(RenderFarm farm) {
        JsonArray arr = new JsonArray();
        farm.pools().forEach(p -> arr.add(JsonViews.pool(p)));
        return arr;
    }
}

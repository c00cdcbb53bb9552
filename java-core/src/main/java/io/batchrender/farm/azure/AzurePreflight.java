package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolImage;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * What Azure Batch would refuse, or run wrongly, found before anything is uploaded or created:
 * one line each, saying what to do. The CLI, the bridge (the panel's list of checks) and the farm
 * itself ask the same questions here.
 */
public final class AzurePreflight {

    private AzurePreflight() {
    }

    /**
     * Compute Gallery images need Microsoft Entra ID: "If you use Shared Key authentication, you get an
     * authentication error" (https://learn.microsoft.com/azure/batch/batch-sig-images, Prerequisites), for pools
     * and auto-pools alike.
     */
    public static Optional<String> imageAuthentication(BatchAccount account, PoolImage image) {
        return image instanceof PoolImage.Gallery && !account.usesEntraId() ? Optional.of(GALLERY_NEEDS_ENTRA) : Optional.empty();
    }

    /** The same rule for a template's pool or job body (any {@code imageReference.virtualMachineImageId} in it). */
    public static Optional<String> imageAuthentication(BatchAccount account, JsonObject body) {
        return !account.usesEntraId() && hasGalleryImage(body) ? Optional.of(GALLERY_NEEDS_ENTRA) : Optional.empty();
    }

    static final String GALLERY_NEEDS_ENTRA = "A Compute Gallery image needs you signed in with Microsoft Entra ID:"
            + " Azure Batch refuses such pools to a Shared Key (your key is fine for everything else). Set "
            + BatchAccount.AUTH_MODE + "=aad, or remove the key in the Config tab, and sign in with 'az login'.";

    /**
     * A Maya scene needs nodes with Maya and its renderer. The default image is Ubuntu with Blender from
     * apt (Azure retired its rendering images and their pay-per-use Maya on 29 February 2024:
     * ../shared/azure-batch/README.md), so a Maya job on a pool made for it from a marketplace image
     * would fail every task. An existing pool is the artist's choice: it may well have Maya.
     */
    public static Optional<String> mayaImage(boolean maya, PoolChoice pool) {
        if (!maya) {
            return Optional.empty();
        }
        PoolImage image = pool instanceof PoolChoice.AutoPool a ? a.template().image()
                : pool instanceof PoolChoice.NewPool n ? n.spec().image() : null;
        if (image instanceof PoolImage.Marketplace) {
            return Optional.of("A Maya scene needs nodes with Maya and its renderer, and the default image has only Blender:"
                    + " choose a Compute Gallery image with Maya and the renderer (--image, see docs/azure-farm.md,"
                    + " 'A Maya image'), or a pool that has one (--pool).");
        }
        return Optional.empty();
    }

    private static boolean hasGalleryImage(JsonElement e) {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive()) {
            return false;
        }
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (hasGalleryImage(x)) {
                    return true;
                }
            }
            return false;
        }
        JsonObject o = e.getAsJsonObject();
        JsonElement ref = o.get("imageReference");
        if (ref != null && ref.isJsonObject() && ref.getAsJsonObject().has("virtualMachineImageId")) {
            return true;
        }
        for (var entry : o.entrySet()) {
            if (hasGalleryImage(entry.getValue())) {
                return true;
            }
        }
        return false;
    }
}

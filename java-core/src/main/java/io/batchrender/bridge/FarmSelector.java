package io.batchrender.bridge;

import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.azure.BatchAccount;
import io.batchrender.settings.BatchSettings;
import io.batchrender.settings.StateHome;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which farm a bridge call talks to, by name: {@code local} (this workstation, the default) or
 * {@code azure} (the Batch account from the environment, else from {@code batch.json}, which the
 * panel's Config tab writes). The bridge's counterpart of the CLI's {@code --farm}.
 */
final class FarmSelector {

    static final String LOCAL = "local";
    static final String AZURE = "azure";

    private final StateHome home;
    private final Map<String, String> env;
    private final Supplier<RenderFarm> local;

    FarmSelector(StateHome home, Map<String, String> env, Supplier<RenderFarm> local) {
        this.home = home;
        this.env = env;
        this.local = local;
    }

    /** The farm's name, checked: {@code local} when none is given. */
    static String name(String farm) {
        if (farm == null || farm.isBlank() || farm.equals(LOCAL)) {
            return LOCAL;
        }
        if (farm.equals(AZURE)) {
            return AZURE;
        }
        throw BridgeException.badRequest("'" + farm + "' is not a farm", "Use \"local\" or \"azure\".");
    }

    /** Opens the named farm (the caller closes it). */
    RenderFarm open(String farm) {
        return name(farm).equals(LOCAL) ? local.get() : azure();
    }

    /** The Azure farm; {@code NotConfigured} naming what is missing when the account is not set. */
    AzureFarm azure() {
        Map<String, String> merged = BatchSettings.load(home).under(env);
        Map<String, String> words = Map.of(BatchSettings.ENDPOINT, "URL", BatchSettings.ACCOUNT, "name",
                BatchSettings.ACCESS_KEY, "key");
        List<String> missing;
        try {
            missing = BatchAccount.missing(merged).stream().map(words::get).toList();
        } catch (FarmException badMode) {
            throw BridgeException.badRequest(badMode.getMessage(), "Use shared_key or aad for " + BatchSettings.AUTH_MODE + ".");
        }
        if (!missing.isEmpty()) {
            throw new BridgeException(new BridgeError(BridgeError.NOT_CONFIGURED,
                    "The Batch account's " + String.join(", ", missing) + " is not set",
                    "Enter it on the Config tab, or only the URL to sign in with Microsoft Entra ID (or set "
                            + String.join(", ", BatchSettings.NAMES) + ")."));
        }
        return AzureFarm.fromEnvironment(merged, home);
    }
}

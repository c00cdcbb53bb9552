package io.batchrender.farm;

import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.azure.AzurePreflight;
import io.batchrender.farm.azure.BatchAccount;
import io.batchrender.farm.local.AgentLauncher;
import io.batchrender.farm.local.LocalAgents;
import io.batchrender.farm.local.LocalFarm;
import io.batchrender.settings.BatchSettings;
import io.batchrender.settings.StateHome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that opens a farm by name: {@code local} (this workstation, the default) or
 * {@code azure} (the Batch account from the environment, else from {@code batch.json}, which the
 * panel's Config tab writes). The CLI's {@code --farm}, the bridge's {@code farm} field and the
 * watcher all come here; nothing above {@code farm} names a farm's class.
 */
public final class Farms {

    public static final String LOCAL = "local";
    public static final String AZURE = "azure";
    /** The VM size of an auto-pool or a new pool when none is named ({@code BATCHRENDER_AZURE_VM_SIZE} overrides it). */
    public static final String DEFAULT_VM_SIZE = "standard_d4s_v5";

    private static final Map<String, String> WORDS = Map.of(BatchSettings.ENDPOINT, "URL", BatchSettings.ACCOUNT, "name",
            BatchSettings.ACCESS_KEY, "key");

    private final StateHome home;
    private final Map<String, String> env;

    public Farms(StateHome home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
    }

    /** The farm's name, checked: {@code local} when none is given; {@link FarmRequestException} for anything else. */
    public static String name(String farm) {
        if (farm == null || farm.isBlank() || farm.equals(LOCAL)) {
            return LOCAL;
        }
        if (farm.equals(AZURE)) {
            return AZURE;
        }
        throw new FarmRequestException("'" + farm + "' is not a farm: use local or azure.");
    }

    /** Opens the named farm (the caller closes it). */
    public RenderFarm open(String farm) {
        return name(farm).equals(LOCAL) ? local() : azure();
    }

    /** This workstation's farm. */
    public RenderFarm local() {
        return new LocalFarm(home, new AgentLauncher(home, env), Clock.systemUTC());
    }

    /** The Azure Batch farm; {@link FarmNotConfiguredException} naming what is missing when the account is not set. */
    public RenderFarm azure() {
        Map<String, String> merged = batchEnvironment();
        List<String> missing = BatchAccount.missing(merged);
        if (!missing.isEmpty()) {
            throw new FarmNotConfiguredException(missing.stream().map(WORDS::get).toList(), "The Batch account's "
                    + String.join(", ", missing.stream().map(WORDS::get).toList()) + " is not set: enter it on the Config tab,"
                    + " or only the URL to sign in with Microsoft Entra ID (or set " + String.join(", ", missing) + ").");
        }
        return AzureFarm.fromEnvironment(merged, home);
    }

    /** The local farm's render agent of this state folder. */
    public LocalAgent localAgent() {
        return new LocalAgents(home, env);
    }

    /**
     * How the Azure farm signs in: {@code sharedKey}, {@code entraId} (no key, or the auth mode says aad) or
     * {@code none} (no URL yet).
     */
    public String azureSignIn() {
        try {
            return BatchAccount.fromEnvironment(batchEnvironment()).usesEntraId() ? "entraId" : "sharedKey";
        } catch (FarmException notYet) {
            return "none";
        }
    }

    /**
     * What Azure Batch would refuse for a job on {@code pool}, found without a job or a request (the panel's list
     * of checks while the artist fills in the form): a Maya scene on the Blender image, a Compute Gallery image with
     * a Shared Key. The submission itself refuses the same ({@link CloudJobs#requirePreflight}).
     */
    public List<String> azureChecks(boolean mayaScene, PoolChoice pool) {
        List<String> out = new ArrayList<>();
        AzurePreflight.mayaImage(mayaScene, pool).ifPresent(out::add);
        Optional<PoolImage> image = pool instanceof PoolChoice.AutoPool a ? Optional.of(a.template().image())
                : pool instanceof PoolChoice.NewPool n ? Optional.of(n.spec().image()) : Optional.empty();
        if (image.isPresent()) {
            try {
                AzurePreflight.imageAuthentication(BatchAccount.fromEnvironment(batchEnvironment()), image.get())
                        .ifPresent(out::add);
            } catch (FarmException notConfigured) {
                // no account yet: the Config tab's check says so
            }
        }
        return out;
    }

    /** The VM size for a pool when none is named: {@code BATCHRENDER_AZURE_VM_SIZE}, else {@link #DEFAULT_VM_SIZE}. */
    public String defaultVmSize() {
        String v = env.get("BATCHRENDER_AZURE_VM_SIZE");
        return v == null || v.isBlank() ? DEFAULT_VM_SIZE : v.strip();
    }

    private Map<String, String> batchEnvironment() {
        return BatchSettings.load(home).under(env);
    }
}

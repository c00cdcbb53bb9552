package io.batchrender.bridge;

import com.google.gson.JsonObject;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.Farms;
import io.batchrender.farm.LicenseServer;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.json.JsonViews;
import io.batchrender.submit.AzureSubmission;
import io.batchrender.submit.CloudChoices;
import io.batchrender.compile.ScenePreflight;
import io.batchrender.submit.SubmitService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bridge's side of a submit beyond the form: the result as JSON, and what a submit to Azure Batch adds to the form: the pool choice (auto-pool, existing pool, new
 * persistent pool with node counts), license servers and variables from the panel's Env tab, and
 * what the submit service is given ({@link CloudChoices}); the service syncs the asset project, makes
 * the SAS URLs and output container, and submits.
 */
final class SubmitCall {

    /** The submit fields beyond {@code batchrender submit}'s, read by {@link #parse}. */
    static final Set<String> FIELDS = Set.of("farm", "pool", "assetProject", "licenseServers", "environment", "excluded",
            "extraFiles");
    static final Set<String> POOL_FIELDS = Set.of("mode", "id", "dedicatedNodes", "spotNodes", "slotsPerNode", "vmSize",
            "image", "nodeAgentSku", "subnetId");

    private final Farms farms;

    SubmitCall(Farms farms) {
        this.farms = farms;
    }

    /**
     * What Azure Batch would refuse in this submit request, found without sending anything: a Maya scene on the
     * Blender image, a Compute Gallery image with a Shared Key ({@link Farms#azureChecks}).
     * One line each, for the Submit tab's list of checks; the submit itself refuses the same before uploading.
     */
    com.google.gson.JsonArray checks(Requests r) {
        CloudChoices azure = parse(r);
        boolean maya = r.string("scene").map(sc -> ScenePreflight.applies(Path.of(sc))).orElse(false);
        com.google.gson.JsonArray out = new com.google.gson.JsonArray();
        farms.azureChecks(maya, azure.settings().pool()).forEach(out::add);
        return out;
    }

    /** The Azure part of a submit request (the caller checked it is for the azure farm). */
    CloudChoices parse(Requests r) {
        JsonObject poolJson = r.object("pool").orElseGet(JsonObject::new);
        Requests pool = Requests.of(poolJson, "pool", POOL_FIELDS);
        String mode = pool.string("mode").orElse("auto");
        PoolChoice choice = switch (mode) {
            case "existing" -> new PoolChoice.Existing(pool.requireString("id"));
            case "auto", "new" -> {
                String vm = pool.string("vmSize").filter(s -> !s.isBlank())
                        .orElse(farms.defaultVmSize());
                PoolSpec spec = new PoolSpec(mode.equals("new") ? pool.requireString("id") : "", vm,
                        pool.integer("dedicatedNodes", 1), pool.integer("spotNodes", 0), pool.integer("slotsPerNode", 1),
                        PoolCalls.image(pool.string("image"), pool.string("nodeAgentSku")), Optional.empty(),
                        pool.string("subnetId"));
                yield mode.equals("new") ? new PoolChoice.NewPool(spec) : new PoolChoice.AutoPool(spec);
            }
            default -> throw BridgeException.badRequest("'" + mode + "' is not a pool choice",
                    "Use \"auto\" (a pool for this job), \"existing\" (with \"id\") or \"new\" (with \"id\" and node counts).");
        };
        List<LicenseServer> licenses = new ArrayList<>();
        for (String entry : r.strings("licenseServers").orElse(List.of())) {
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw BridgeException.badRequest("License server '" + entry + "' is not NAME=port@host",
                        "Write e.g. autodesk=27000@lic.studio.local.");
            }
            licenses.add(new LicenseServer(kv[0].strip(), kv[1].strip()));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        r.object("environment").ifPresent(o -> o.entrySet().forEach(e -> {
            if (!e.getValue().isJsonPrimitive()) {
                throw BridgeException.badRequest("Variable '" + e.getKey() + "' must be a string", "Fix its value.");
            }
            vars.put(e.getKey(), e.getValue().getAsString());
        }));
        long rate;
        try {
            rate = r.string("limitRate").map(io.batchrender.storage.RateLimit::parse).orElse(0L);
        } catch (IllegalArgumentException e) {
            throw BridgeException.badRequest("'limitRate' in the submit request: " + e.getMessage(),
                    "Give bytes a second as 500k, 20M or 0 (no limit).");
        }
        return new CloudChoices(AzureJobSettings.on(choice).withEnvironment(licenses, vars),
                r.string("assetProject").filter(s -> !s.isBlank()), paths(r, "excluded"), paths(r, "extraFiles"), rate);
    }

    /** As the panel keeps them: references as the scene names them, or paths (relative ones to the gateway's folder). */
    private static List<String> paths(Requests r, String key) {
        return r.strings(key).orElse(List.of());
    }

    /** The submit's result as the panel reads it: the job, and for a synced scene its asset project and containers. */
    static JsonObject view(SubmitService.Result result) {
        JsonObject o = JsonViews.job(result.job());
        o.addProperty("jobId", result.job().id());
        o.addProperty("farm", result.farm());
        if (!result.notes().isEmpty()) {
            com.google.gson.JsonArray notes = new com.google.gson.JsonArray();
            result.notes().forEach(notes::add);
            o.add("notes", notes);
        }
        if (result.upload().isPresent()) {
            AzureSubmission.Result r = result.upload().get();
            o.addProperty("assetProject", r.assetProject());
            o.addProperty("assetContainer", r.assetContainer());
            o.addProperty("outputContainer", r.outputContainer());
            o.add("upload", AssetCalls.view(r.sync(), "azure"));
        }
        return o;
    }
}

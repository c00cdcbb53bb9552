package io.batchrender.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.LicenseServer;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.json.JsonViews;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.SyncProgress;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.submit.AzureSubmission;
import io.batchrender.submit.SceneUpload;
import io.batchrender.submit.SubmitForm;
import io.batchrender.submit.Submission;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A submit to Azure Batch through the bridge: the pool choice (auto-pool, existing pool, new
 * persistent pool with node counts), license servers and variables from the panel's Env tab, and
 * {@link AzureSubmission} to sync the asset project, make the SAS URLs and output container, and
 * submit. Progress is the upload's (bytes, rate, time left), then each step after it.
 */
final class AzureSubmitCall {

    /** The submit fields beyond {@code batchrender submit}'s, read by {@link #parse}. */
    static final Set<String> FIELDS = Set.of("farm", "pool", "assetProject", "licenseServers", "environment", "excluded",
            "extraFiles");
    static final Set<String> POOL_FIELDS = Set.of("mode", "id", "dedicatedNodes", "spotNodes", "slotsPerNode", "vmSize",
            "image", "nodeAgentSku", "subnetId");

    /** What an Azure submit adds to the form. */
    record Azure(PoolChoice pool, Optional<String> assetProject, List<LicenseServer> licenses, Map<String, String> environment,
                 List<Path> excluded, List<Path> extraFiles) {
    }

    private final StateHome home;
    private final Map<String, String> env;
    private final Path cwd;
    private final FarmSelector farms;

    AzureSubmitCall(StateHome home, Map<String, String> env, Path cwd, FarmSelector farms) {
        this.home = home;
        this.env = env;
        this.cwd = cwd;
        this.farms = farms;
    }

    /**
     * What Azure Batch would refuse in this submit request, found without sending anything: a Maya scene on the
     * Blender image, a Compute Gallery image with a Shared Key ({@link io.batchrender.farm.azure.AzurePreflight}).
     * One line each, for the Submit tab's list of checks; the submit itself refuses the same before uploading.
     */
    com.google.gson.JsonArray checks(Requests r) {
        Azure azure = parse(r);
        com.google.gson.JsonArray out = new com.google.gson.JsonArray();
        boolean maya = r.string("scene").map(s -> io.batchrender.submit.ScenePreflight.applies(Path.of(s))).orElse(false);
        io.batchrender.farm.azure.AzurePreflight.mayaImage(maya, azure.pool()).ifPresent(out::add);
        io.batchrender.farm.PoolImage image = azure.pool() instanceof PoolChoice.AutoPool a ? a.template().image()
                : azure.pool() instanceof PoolChoice.NewPool n ? n.spec().image() : null;
        if (image != null) {
            try {
                io.batchrender.farm.azure.BatchAccount account = io.batchrender.farm.azure.BatchAccount.fromEnvironment(
                        io.batchrender.settings.BatchSettings.load(home).under(env));
                io.batchrender.farm.azure.AzurePreflight.imageAuthentication(account, image).ifPresent(out::add);
            } catch (io.batchrender.farm.FarmException notConfigured) {
                // no account yet: the Config tab's check says so
            }
        }
        return out;
    }

    /** The Azure part of a submit request (the caller checked it is for the azure farm). */
    Azure parse(Requests r) {
        JsonObject poolJson = r.object("pool").orElseGet(JsonObject::new);
        Requests pool = Requests.of(poolJson, "pool", POOL_FIELDS);
        String mode = pool.string("mode").orElse("auto");
        PoolChoice choice = switch (mode) {
            case "existing" -> new PoolChoice.Existing(pool.requireString("id"));
            case "auto", "new" -> {
                String vm = pool.string("vmSize").filter(s -> !s.isBlank())
                        .orElse(env.getOrDefault("BATCHRENDER_AZURE_VM_SIZE", PoolCalls.DEFAULT_VM_SIZE));
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
        return new Azure(choice, r.string("assetProject").filter(s -> !s.isBlank()), licenses, vars,
                paths(r, "excluded"), paths(r, "extraFiles"));
    }

    private List<Path> paths(Requests r, String key) {
        return r.strings(key).orElse(List.of()).stream().map(p -> cwd.resolve(p).normalize()).toList();
    }

    /** Syncs the asset project and submits (on the operation's thread). */
    JsonElement run(SubmitForm form, Azure azure, OperationContext ctx) {
        ctx.progress(0, 0, 0, "Checking the scene and frames.");
        Submission.Prepared prepared = Submission.prepared(form, cwd, env);
        ctx.checkCancelled();
        AzureJobSettings settings = AzureJobSettings.on(azure.pool()).withEnvironment(azure.licenses(), azure.environment());
        try (AzureFarm farm = farms.azure()) {
            if (prepared.spec().scene().isEmpty()) {
                ctx.progress(0, 0, 0, "Submitting " + prepared.spec().tasks().size() + " task(s).");
                return view(farm.submit(prepared.spec(), settings), null);
            }
            try (CancelWatch watch = new CancelWatch(ctx);
                 AssetStore opened = AssetStores.open(home, env, Optional.of(AssetStores.AZURE));
                 HashCache cache = AssetStores.hashCache(home)) {
                AzureSubmission.Request base = AzureSubmission.Request.of(prepared, azure.assetProject(), settings);
                AzureSubmission.Request request = new AzureSubmission.Request(base.spec(), withChoices(base.upload(), azure),
                        base.project(), base.settings());
                long[] last = {0, 0};
                AzureSubmission.Result r = new AzureSubmission(farm, (AzureBlobStore) opened, cache, SyncOptions.defaults())
                        .submit(request, new AzureSubmission.Listener() {
                            @Override
                            public void upload(SyncProgress p) {
                                last[0] = p.bytesDone();
                                last[1] = p.bytesTotal();
                                ctx.progress(p.bytesDone(), p.bytesTotal(), p.bytesPerSecond(), AssetCalls.message(p));
                            }

                            @Override
                            public void step(String message) {
                                ctx.progress(last[0], last[1], 0, message);
                            }
                        }, watch.cancellation());
                return view(r.job(), r);
            }
        }
    }

    /** The scan's files less what the artist excluded, plus the files and folders they added. */
    static SceneUpload withChoices(SceneUpload upload, Azure azure) {
        if (azure.excluded().isEmpty() && azure.extraFiles().isEmpty()) {
            return upload;
        }
        Set<Path> out = new LinkedHashSet<>();
        Path scene = upload.files().get(0);
        for (Path f : upload.files()) {
            if (f.equals(scene) || azure.excluded().stream().noneMatch(f::startsWith)) {
                out.add(f);
            }
        }
        out.addAll(azure.extraFiles());
        return new SceneUpload(new ArrayList<>(out), upload.pathMap());
    }

    private static JsonObject view(JobInfo job, AzureSubmission.Result r) {
        JsonObject o = JsonViews.job(job);
        o.addProperty("jobId", job.id());
        o.addProperty("farm", FarmSelector.AZURE);
        if (r != null) {
            o.addProperty("assetProject", r.assetProject());
            o.addProperty("assetContainer", r.assetContainer());
            o.addProperty("outputContainer", r.outputContainer());
            o.add("upload", AssetCalls.view(r.sync(), "azure"));
        }
        return o;
    }
}

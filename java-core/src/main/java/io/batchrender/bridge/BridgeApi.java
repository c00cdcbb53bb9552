package io.batchrender.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.Farms;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.ShrinkPolicy;
import io.batchrender.farm.TaskQuery;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.json.JsonViews;
import io.batchrender.settings.StateHome;
import io.batchrender.compile.SubmitForm;
import io.batchrender.submit.CloudChoices;
import io.batchrender.submit.SubmitService;
import io.batchrender.watch.WatchPaths;
import io.batchrender.watch.WatcherInfo;
import io.batchrender.watch.Watchers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * The one object Python sees through the gateway. Every method takes and returns JSON strings
 * (see {@link Replies} for the envelope); no Java object crosses. Methods that can take longer
 * than a few tens of milliseconds return an operation ({@code {"id": "op-N", ...}}) to poll with
 * {@link #operation} and cancel with {@link #cancelOperation}.
 */
public final class BridgeApi {

    /** How much of the end of a task's log {@link #jobLogs} returns. */
    static final int LOG_TAIL_BYTES = 64 * 1024;
    private static final String PONG = Replies.ok(new JsonPrimitive("pong"));

    private final StateHome home;
    private final Map<String, String> env;
    private final Path cwd;
    private final Farms farms;
    private final Watchers watchers;
    private final Operations ops;
    private final String version;
    private final SubmitService submitService;
    private final AzureAccounts accounts;
    private final AssetCalls assets;
    private final PoolCalls poolCalls;
    private final SubmitCall azureSubmit;
    private final DefaultsCall defaults;

    /**
     * @param farms opens the farm for one call (closed after it), so calls on different threads
     *              never share a database connection
     */
    public BridgeApi(StateHome home, Map<String, String> env, Path cwd, Farms farms, Watchers watchers,
                     Operations ops, String version) {
        this.home = home;
        this.env = Map.copyOf(env);
        this.cwd = cwd.toAbsolutePath().normalize();
        this.farms = farms;
        this.watchers = watchers;
        this.ops = ops;
        this.version = version;
        this.submitService = new SubmitService(farms, home, this.env, this.cwd);
        this.accounts = new AzureAccounts(home, this.env, farms);
        this.assets = new AssetCalls(home, this.env, this.cwd);
        this.poolCalls = new PoolCalls(farms);
        this.azureSubmit = new SubmitCall(farms);
        this.defaults = new DefaultsCall(this.cwd, farms);
    }

    // ---- basics ------------------------------------------------------------------------------

    /** The cheapest call there is: {@code "pong"}. The latency benchmark measures it. */
    public String ping() {
        return PONG;
    }

    /** Versions, the state folder, the farm and its pools. */
    public String settings() {
        return Replies.call(() -> withFarm(Farms.LOCAL, farm -> {
            JsonObject o = new JsonObject();
            o.addProperty("version", version);
            o.addProperty("java", Runtime.version().toString());
            o.addProperty("stateHome", home.dir().toString());
            o.addProperty("logsDir", home.logsDir().toString());
            o.addProperty("farm", "local");
            JsonArray pools = new JsonArray();
            farm.pools().forEach(p -> pools.add(JsonViews.pool(p)));
            o.add("pools", pools);
            return o;
        }));
    }

    /**
     * Whether the farm accepts this user: {@code {"authenticated": true, "message": "Authenticated"}}
     * or the service's reason. The local farm needs no account: it checks the state folder can be written.
     */
    public String checkAuthentication() {
        return Replies.call(() -> {
            JsonObject o = new JsonObject();
            o.addProperty("farm", "local");
            boolean writable = Files.isDirectory(home.ensure()) && Files.isWritable(home.dir());
            o.addProperty("authenticated", writable);
            o.addProperty("message", writable ? "Authenticated"
                    : "Cannot write the state folder " + home.dir() + ": set BATCHRENDER_HOME to a folder you can write.");
            return o;
        });
    }

    /**
     * Checks the named farm's accounts against the services (an operation). {@code local}: the
     * state folder is writable. {@code azure}: Batch lists its pools and Storage its containers;
     * the result is {@code {"authenticated", "message": "Authenticated" or each service's reason,
     * "batch": {...}, "storage": {...}}}.
     */
    public String authenticate(String farm) {
        return Replies.call(() -> {
            if (Farms.name(farm).equals(Farms.LOCAL)) {
                JsonElement local = com.google.gson.JsonParser.parseString(checkAuthentication()).getAsJsonObject().get("value");
                return ops.start("authenticate", false, ctx -> local).toJson();
            }
            return ops.start("authenticate", false, accounts::authenticate).toJson();
        });
    }

    /** The Azure Batch and Storage accounts as saved (names, URLs, and whether each secret is set; never a secret). */
    public String azureSettings() {
        return Replies.call(accounts::view);
    }

    /**
     * Saves Azure accounts into the core's secret store ({@code batch.json}, {@code storage.json}:
     * 0600, written atomically). Fields: {@code batchUrl}, {@code batchAccount}, {@code batchKey},
     * {@code storageAccount}, {@code storageKey}, {@code storageSasToken},
     * {@code storageConnectionString}, {@code storageEndpoint}; a field left out is kept, an empty
     * string removes it. Returns {@link #azureSettings()}.
     */
    public String saveAzureSettings(String requestJson) {
        return Replies.call(() -> accounts.save(requestJson));
    }

    // ---- asset projects ------------------------------------------------------------------------

    /**
     * Syncs files into an asset project (an operation; progress in bytes, with the sync's rate
     * and time left; cancel stops it, and running it again resumes). Request: {@code {"project",
     * "paths": [...], "excluded"?: [...], "store"?: "local"|"azure"}}.
     */
    public String syncAssets(String requestJson) {
        return Replies.call(() -> {
            AssetCalls.Sync sync = assets.parse(requestJson);
            return ops.start("sync", true, ctx -> assets.sync(sync, ctx)).toJson();
        });
    }

    /** The asset projects in a store ({@code local}, {@code azure}, or "" for the saved choice). */
    public String projects(String store) {
        return Replies.call(() -> assets.projects(java.util.Optional.ofNullable(store)));
    }

    // ---- scenes ------------------------------------------------------------------------------

    /**
     * Scans a Maya scene (an operation). Request: {@code {"scene", "searchPaths"?: [...],
     * "references"?: [{"node","nodeType","attribute","path"}...]}}. With {@code references} (what Maya
     * reports for the open scene) only those are resolved; without, the file is read at every depth.
     */
    public String scan(String requestJson) {
        return Replies.call(() -> {
            Requests.Scan req = Requests.scan(requestJson);
            Path scene = cwd.resolve(req.scene()).normalize();
            return ops.start("scan", false, ctx -> ScanCall.run(req, scene, cwd, env, ctx)).toJson();
        });
    }

    // ---- jobs --------------------------------------------------------------------------------

    /**
     * Submits a job (an operation whose result is the new job). Request: the fields of
     * {@code batchrender submit}: {@code scene} or {@code command} (a list), {@code frames}, {@code chunk},
     * {@code output}, {@code renderer}, {@code name}, {@code retries}, {@code timeoutSeconds},
     * {@code searchPaths}, {@code allowMissing}, {@code engine}, {@code format}, {@code imageName},
     * {@code camera}, {@code layer}, {@code project}.
     */
    public String submit(String requestJson) {
        return Replies.call(() -> {
            SubmitForm form = Requests.submitForm(requestJson);
            Requests raw = Requests.parse(requestJson, "submit", Requests.SUBMIT_FIELDS);
            String farm = Farms.name(raw.string("farm").orElse(""));
            Optional<CloudChoices> cloud = farm.equals(Farms.AZURE) ? Optional.of(azureSubmit.parse(raw)) : Optional.empty();
            SubmitService.Request request = new SubmitService.Request(form, farm, cloud);
            return ops.start("submit", true, ctx -> {
                try (CancelWatch watch = new CancelWatch(ctx)) {
                    return SubmitCall.view(submitService.submit(request, new SubmitProgress(ctx), watch.cancellation()));
                }
            }).toJson();
        });
    }

    /**
     * What {@link #submit} would store or send for the same request, exactly, submitting, uploading and creating
     * nothing (an operation: a Maya scene is scanned first): {@code {"farm", "job"}} as the farm would take it
     * (every task's command, environment with secrets masked, files and outputs), on Azure the request bodies. The
     * Submit tab's Preview, and {@code batchrender submit --dry-run}: both are {@code SubmitService.preview}.
     */
    public String previewSubmit(String requestJson) {
        return Replies.call(() -> {
            SubmitForm form = Requests.submitForm(requestJson);
            Requests raw = Requests.parse(requestJson, "submit", Requests.SUBMIT_FIELDS);
            String farm = Farms.name(raw.string("farm").orElse(""));
            Optional<CloudChoices> cloud = farm.equals(Farms.AZURE) ? Optional.of(azureSubmit.parse(raw)) : Optional.empty();
            SubmitService.Request request = new SubmitService.Request(form, farm, cloud);
            return ops.start("preview", false, ctx -> submitService.preview(request)).toJson();
        });
    }

    /**
     * What Azure Batch would refuse in a submit request (the same fields as {@link #submit}, farm azure), without
     * sending anything: a JSON array of one-line problems, empty when there are none.
     */
    public String azureChecks(String requestJson) {
        return Replies.call(() -> azureSubmit.checks(Requests.parse(requestJson, "submit", Requests.SUBMIT_FIELDS)));
    }

    /**
     * What the panel takes from the core rather than deciding itself, so it and the CLI agree:
     * {@code {"renderers": [{"sceneName", "name", "label"}...], "vmSize", "assetProject"?}}. Request (may be empty):
     * {@code {"scene"?, "project"?}}; with a scene, {@code assetProject} is the asset project it goes to when the
     * artist names none (the Maya project's folder name, else the scene's name).
     */
    public String submitDefaults(String requestJson) {
        return Replies.call(() -> defaults.defaults(requestJson));
    }

    /**
     * What the Assets tab's Upload syncs: {@code {"assetProject", "container", "paths"}}, by the rule a submit to
     * Azure uses. Request: {@code {"scene", "project"?, "assetProject"?, "assets": [...as scan returned them],
     * "excluded"?: [...], "extraFiles"?: [...]}}.
     */
    public String uploadPlan(String requestJson) {
        return Replies.call(() -> defaults.plan(requestJson));
    }

    /** Every job, oldest first. */
    public String jobs() {
        return jobs(Farms.LOCAL);
    }

    /** Every job of the named farm ({@code local} or {@code azure}), oldest first. */
    public String jobs(String farmName) {
        return Replies.call(() -> withFarm(farmName, farm -> {
            JsonArray arr = new JsonArray();
            farm.jobs().forEach(j -> arr.add(JsonViews.job(j)));
            return arr;
        }));
    }

    /** One job with its tasks; {@code JobNotFound} when there is none of that id. */
    public String job(String jobId) {
        return job(Farms.LOCAL, jobId);
    }

    /** One job of the named farm with the first page of its tasks ({@link TaskQuery#DEFAULT_PAGE_SIZE}) and its counts. */
    public String job(String farmName, String jobId) {
        return job(farmName, jobId, 1, TaskQuery.DEFAULT_PAGE_SIZE, "");
    }

    /**
     * One job of the named farm with one page of its tasks, in submission order, as {@code job show --json --page N
     * --page-size M --state S} prints it: {@code tasks}, {@code taskCounts} (every state) and {@code page}
     * {number, pageSize, pages, matching, state?}. {@code state} empty: every task; else active, running, completed,
     * failed or succeeded. Only the page is read from the farm's database.
     */
    public String job(String farmName, String jobId, int page, int pageSize, String state) {
        return Replies.call(() -> {
            TaskQuery query = new TaskQuery(page, pageSize, state == null || state.isBlank() ? Optional.empty()
                    : Optional.of(TaskQuery.StateFilter.fromWire(state)));
            return withFarm(farmName, farm -> {
                JobInfo job = farm.job(jobId).orElseThrow(() -> unknownJob(jobId));
                return JsonViews.jobWithTaskPage(job, farm.tasks(jobId, query));
            });
        });
    }

    /** Cancels a job (an operation: running tasks are stopped first). */
    public String cancelJob(String jobId) {
        return cancelJob(Farms.LOCAL, jobId);
    }

    /** Cancels a job of the named farm (an operation). */
    public String cancelJob(String farmName, String jobId) {
        return cancelJob(farmName, jobId, "");
    }

    /** Cancels a job of the named farm, {@code reason} kept where the farm keeps one (Batch's terminateReason). */
    public String cancelJob(String farmName, String jobId, String reason) {
        return Replies.call(() -> {
            requireJob(farmName, jobId);
            return ops.start("cancelJob", true, ctx -> withFarm(farmName, farm -> {
                farm.cancel(jobId, reason == null ? "" : reason);
                return JsonViews.job(farm.job(jobId).orElseThrow(() -> unknownJob(jobId)));
            })).toJson();
        });
    }

    /**
     * Azure: replaces the nodes where the job's preparation failed with fresh ones (an operation whose result is
     * {@code {"message"}}, one line saying what was done).
     */
    public String replaceNodes(String farmName, String jobId) {
        return Replies.call(() -> {
            if (!Farms.name(farmName).equals(Farms.AZURE)) {
                throw BridgeException.badRequest("The local farm has no nodes to replace",
                        "Replacing nodes is for Azure Batch jobs whose preparation failed.");
            }
            requireJob(farmName, jobId);
            return ops.start("replaceNodes", true, ctx -> withFarm(farmName, farm -> {
                String done = PoolCalls.nodePools(farm, "replace nodes").replaceFailedNodes(jobId);
                JsonObject o = new JsonObject();
                o.addProperty("message", done.isEmpty()
                        ? "No node of job " + jobId + " failed its preparation: nothing to replace." : done);
                return o;
            })).toJson();
        });
    }

    /** Cancels a job and removes it and the files the farm keeps for it (an operation). */
    public String deleteJob(String jobId) {
        return deleteJob(Farms.LOCAL, jobId);
    }

    /** Deletes a job of the named farm (an operation). */
    public String deleteJob(String farmName, String jobId) {
        return Replies.call(() -> {
            requireJob(farmName, jobId);
            return ops.start("deleteJob", true, ctx -> withFarm(farmName, farm -> {
                farm.delete(jobId);
                JsonObject o = new JsonObject();
                o.addProperty("deleted", jobId);
                return o;
            })).toJson();
        });
    }

    /** The logs of one attempt of a task ({@code attempt} 0: the latest): paths and the last 64 KB of each. */
    public String jobLogs(String jobId, String taskId, int attempt) {
        return jobLogs(Farms.LOCAL, jobId, taskId, attempt);
    }

    /** Task logs of a job on the named farm (Azure: the latest attempt's, downloaded first). */
    public String jobLogs(String farmName, String jobId, String taskId, int attempt) {
        return Replies.call(() -> withFarm(farmName, farm -> {
            return LogView.of(jobId, taskId, farm.log(jobId, taskId, attempt), LOG_TAIL_BYTES);
        }));
    }

    // ---- pools -------------------------------------------------------------------------------

    public String pools() {
        return pools(Farms.LOCAL);
    }

    /** The pools of the named farm, with state, node counts and running tasks. */
    public String pools(String farmName) {
        return Replies.call(() -> withFarm(farmName, PoolCalls::pools));
    }

    /**
     * Creates a persistent pool on Azure Batch (an operation whose result is the pools). Request:
     * {@code {"id", "vmSize"?, "dedicatedNodes"?, "spotNodes"?, "slotsPerNode"?, "image"?,
     * "nodeAgentSku"?, "autoscaleMaxNodes"?}}; image empty: Ubuntu 22.04 with Blender.
     */
    public String createPool(String requestJson) {
        return Replies.call(() -> {
            PoolCalls.Create c = poolCalls.parseCreate(requestJson);
            return ops.start("createPool", true, ctx -> poolCalls.create(c)).toJson();
        });
    }

    /** Deletes a pool of the named farm (an operation whose result is the pools left). */
    public String deletePool(String farmName, String poolId) {
        return Replies.call(() -> {
            Farms.name(farmName);
            return ops.start("deletePool", true, ctx -> poolCalls.delete(farmName, poolId)).toJson();
        });
    }

    /** Sets an Azure pool's dedicated and Spot node counts (an operation whose result is the pools). */
    public String resizePoolNodes(String farmName, String poolId, int dedicated, int spot, String policy) {
        return Replies.call(() -> {
            ShrinkPolicy shrink = ShrinkPolicy.fromWire(policy == null || policy.isBlank() ? "requeue" : policy);
            return ops.start("resizePool", true, ctx -> poolCalls.resizeNodes(farmName, poolId, dedicated, spot, shrink)).toJson();
        });
    }

    /**
     * Sets how many tasks a pool runs at once (an operation: growing it may start the render
     * agent); {@code policy}: requeue or taskcompletion. The result is the pools.
     */
    public String resizePool(String poolId, int slots, String policy) {
        return resizePool(Farms.LOCAL, poolId, slots, policy);
    }

    /** The same on the named farm (Azure: enough dedicated nodes for {@code slots} tasks). */
    public String resizePool(String farmName, String poolId, int slots, String policy) {
        return Replies.call(() -> {
            Farms.name(farmName);
            ShrinkPolicy shrink = ShrinkPolicy.fromWire(policy == null || policy.isBlank() ? "requeue" : policy);
            return ops.start("resizePool", true, ctx -> withFarm(farmName, farm -> {
                farm.resize(poolId, slots, shrink);
                return PoolCalls.pools(farm);
            })).toJson();
        });
    }

    // ---- watchers ----------------------------------------------------------------------------

    /**
     * Starts a detached watcher that fetches the job's outputs into {@code destination} (an
     * operation: its result is the watcher). It keeps going after this gateway and Maya are gone.
     * Options: {@code {"pollSeconds": 2, "limitRate": "20M"}}.
     */
    public String startWatcher(String jobId, String destination, String optionsJson) {
        return startWatcher(Farms.LOCAL, jobId, destination, optionsJson);
    }

    /** The same for a job of the named farm (Azure: from the job's output container in Azure Storage). */
    public String startWatcher(String farmName, String jobId, String destination, String optionsJson) {
        return Replies.call(() -> {
            String farm = Farms.name(farmName);
            requireJob(farm, jobId);
            if (destination == null || destination.isBlank()) {
                throw BridgeException.badRequest("Say where the outputs go", "Pass a folder as the destination.");
            }
            var options = Requests.watch(optionsJson);
            Path dest = cwd.resolve(destination).normalize();
            return ops.start("startWatcher", true, ctx -> watchers.start(jobId, dest, options, farm).toJson(false)).toJson();
        });
    }

    /** Every watcher of this state folder, running and finished (counts and latest thumbnail; files: {@link #watcher}). */
    public String watchers() {
        return Replies.call(() -> {
            JsonArray arr = new JsonArray();
            watchers.list().forEach(w -> arr.add(w.toJson(false)));
            return arr;
        });
    }

    /** One job's watcher, with its files and latest thumbnail. */
    public String watcher(String jobId) {
        return watcher(jobId, true);
    }

    /**
     * One job's watcher: its counts and latest thumbnail, and with {@code withFiles} every file it landed (read from
     * its journal: a long list for a long job; without, one small file is read, as the panel asks every 2 s).
     */
    public String watcher(String jobId, boolean withFiles) {
        return Replies.call(() -> {
            WatchPaths.requireSafeId(jobId);
            WatcherInfo w = watchers.find(jobId, withFiles).orElseThrow(() -> new BridgeException(new BridgeError(
                    BridgeError.WATCH, "No watcher has run for job " + jobId, "Start one with startWatcher.")));
            return w.toJson(withFiles);
        });
    }

    /** Stops a job's watcher (an operation; it resumes when started again). */
    public String stopWatcher(String jobId) {
        return Replies.call(() -> {
            WatchPaths.requireSafeId(jobId);
            return ops.start("stopWatcher", true, ctx -> {
                JsonObject o = new JsonObject();
                o.addProperty("wasRunning", watchers.stop(jobId));
                return o;
            }).toJson();
        });
    }

    // ---- operations --------------------------------------------------------------------------

    /** An operation's state, progress, and its result or error. */
    public String operation(String id) {
        return Replies.call(() -> ops.require(id).toJson());
    }

    public String operations() {
        return Replies.call(() -> {
            JsonArray arr = new JsonArray();
            ops.list().forEach(op -> arr.add(op.toJson()));
            return arr;
        });
    }

    /** Asks an operation to stop; poll it to see it end. */
    public String cancelOperation(String id) {
        return Replies.call(() -> {
            Operation op = ops.require(id);
            op.cancel();
            return op.toJson();
        });
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private JsonElement withFarm(String farmName, Function<RenderFarm, JsonElement> body) {
        try (RenderFarm farm = farms.open(farmName)) {
            return body.apply(farm);
        }
    }

    private void requireJob(String jobId) {
        requireJob(Farms.LOCAL, jobId);
    }

    private void requireJob(String farmName, String jobId) {
        withFarm(farmName, farm -> {
            farm.job(jobId).orElseThrow(() -> unknownJob(jobId));
            return null;
        });
    }

    private static UnknownJobException unknownJob(String jobId) {
        return new UnknownJobException(jobId, "No job '" + jobId + "' on this farm: list them with jobs().");
    }

}

package io.batchrender.submit;

import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.CloudJobs;
import io.batchrender.farm.FarmNotConfiguredException;
import io.batchrender.farm.FarmRequestException;
import io.batchrender.farm.Farms;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.Submitted;
import io.batchrender.job.Job;
import io.batchrender.compile.SceneCompiler;
import io.batchrender.compile.SubmitForm;
import io.batchrender.farm.RenderFarm;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.HashCache;
import io.batchrender.storage.SyncOptions;
import io.batchrender.storage.azure.AzureBlobStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way a job is submitted, used by the CLI's {@code submit} and the bridge's {@code submit}
 * alike: the form is checked and compiled ({@link SceneCompiler}), the farm is opened by name
 * ({@link Farms}), and on a farm with {@link CloudJobs} a scene's asset project is synced first
 * ({@link AzureSubmission}) unless the artist gave the asset container's URL. Templates go through
 * {@link #templates}. Callers only turn their input into a {@link Request} and show the
 * {@link Result}; none of them knows which farm class it talks to.
 */
public final class SubmitService {

    /** What a .blend sent to the cloud without the files Blender reports for it is told: the scene went alone. */
    static final String BLEND_ALONE = "Only the .blend was uploaded: the files it names (textures, libraries, caches) were"
            + " not listed, so the nodes render without those not packed into it; send them as references (the Blender"
            + " add-on does; the CLI: --references FILE) or pack them (Blender: File > External Data > Pack Resources).";

    private final Farms farms;
    private final StateHome home;
    private final Map<String, String> env;
    private final Path cwd;

    /**
     * @param env the submitter's environment: the tasks run with it, and it names the accounts
     * @param cwd what relative paths in the form are relative to
     */
    public SubmitService(Farms farms, StateHome home, Map<String, String> env, Path cwd) {
        this.farms = farms;
        this.home = home;
        this.env = Map.copyOf(env);
        this.cwd = cwd.toAbsolutePath().normalize();
    }

    /**
     * What to submit.
     *
     * @param form  the artist's form (scene or command, frames, ...)
     * @param farm  the farm's name ({@code local}, {@code azure}; blank: local)
     * @param cloud what a cloud farm adds (the local farm ignores it; a cloud farm needs it)
     */
    public record Request(SubmitForm form, String farm, Optional<CloudChoices> cloud) {
    }

    /**
     * What was submitted.
     *
     * @param job        the new job
     * @param farm       the farm's name
     * @param tasks      how many tasks it has
     * @param outputsGoTo where the images go, in words ("/renders/shot", "output container out-...")
     * @param upload     the asset project's sync, when this submission made one
     * @param notes      what the artist should know (the compiler's and the farm's notes; the local pool is paused)
     */
    public record Result(JobInfo job, String farm, int tasks, String outputsGoTo, Optional<AzureSubmission.Result> upload,
                         List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Checks, compiles, syncs when the farm needs it, and submits, on the calling thread. On the local farm the agent's
     * JVM is started first ({@code LocalAgent.startSoon}), so that it starts while the job is checked and stored; the
     * farm's submit then waits for that agent instead of starting one (issue 18: the first task within 0.5 s).
     */
    public Result submit(Request request, SubmitListener listener, Cancellation cancel) {
        String farmName = Farms.name(request.farm());
        if (farmName.equals(Farms.LOCAL)) {
            farms.localAgent().startSoon();
        }
        return submitTo(farmName, request, listener, cancel);
    }

    private Result submitTo(String farmName, Request request, SubmitListener listener, Cancellation cancel) {
        listener.step("Checking the scene and frames.");
        SceneCompiler.Compiled compiled = SceneCompiler.compile(request.form(), cwd, env);
        if (cancel.isCancelled()) {
            throw new FarmRequestException("Cancelled before anything was submitted.");
        }
        Job spec = compiled.job();
        try (RenderFarm farm = farms.open(farmName)) {
            Optional<CloudJobs> cloud = farm.cloudJobs();
            CloudChoices choices = cloud.isEmpty() ? null : cloudChoices(request, farmName);
            Submitted submitted;
            String where;
            Optional<AzureSubmission.Result> upload = Optional.empty();
            if (cloud.isPresent() && spec.scene().isPresent() && choices.syncsAssets()) {
                AzureSubmission.Result r = syncAndSubmit(cloud.get(), compiled, choices, listener, cancel);
                submitted = new Submitted(r.job(), List.of());
                upload = Optional.of(r);
                where = "output container " + r.outputContainer() + " (under images/<task>/)";
            } else if (cloud.isPresent()) {
                AzureJobSettings settings = withSceneBlob(choices.settings(), spec);
                listener.step("Submitting " + spec.tasks().size() + " task(s).");
                submitted = cloud.get().submit(spec, settings);
                where = settings.outputContainerUrl().isPresent() ? "the container of the output URL (under images/<task>/)"
                        : "nowhere: no output container URL was given, so they stay on the nodes until the job is deleted";
            } else {
                listener.step("Submitting " + spec.tasks().size() + " task(s).");
                submitted = farm.submit(spec);
                where = submitted.job().outputDir().toString();
            }
            List<String> notes = new java.util.ArrayList<>(submitted.notes());
            if (upload.isPresent() && compiled.manifest().isEmpty() && spec.origin().renderer().equals("blender")) {
                notes.add(BLEND_ALONE);
            }
            notes.addAll(farm.notesFor(submitted.job()));
            return new Result(submitted.job(), farmName, spec.tasks().size(), where, upload, notes);
        }
    }

    /**
     * What {@link #submit} would store or send for {@code request}, exactly, submitting, uploading and creating
     * nothing ({@code submit --dry-run}): every task's command line, environment (secrets masked), files and
     * outputs; on Azure the request bodies, with the asset project and output container by name.
     */
    public com.google.gson.JsonObject preview(Request request) {
        String farmName = Farms.name(request.farm());
        SceneCompiler.Compiled compiled = SceneCompiler.compile(request.form(), cwd, env);
        Job spec = compiled.job();
        try (RenderFarm farm = farms.open(farmName)) {
            Optional<CloudJobs> cloud = farm.cloudJobs();
            if (cloud.isEmpty()) {
                return farm.preview(spec);
            }
            CloudChoices choices = cloudChoices(request, farmName);
            String jobId = cloud.get().jobIdFor(spec.displayName());
            if (spec.scene().isPresent() && choices.syncsAssets()) {
                AzureSubmission.Request base = AzureSubmission.Request.of(compiled, choices.assetProject(), choices.settings());
                return AzureSubmission.preview(cloud.get(), new AzureSubmission.Request(base.spec(),
                        choices.applyTo(base.upload(), compiled.manifest(), cwd), base.project(), base.settings()), jobId);
            }
            return cloud.get().preview(spec, withSceneBlob(choices.settings(), spec), jobId);
        }
    }

    private static CloudChoices cloudChoices(Request request, String farmName) {
        return request.cloud().orElseThrow(() -> new FarmRequestException(
                "A job on the " + farmName + " farm needs its pool: choose one (auto, existing or new)."));
    }

    /** The scene's blob in the asset container: the one given, else the scene's file name. */
    private static AzureJobSettings withSceneBlob(AzureJobSettings settings, Job spec) {
        return spec.scene().isPresent() && settings.sceneBlob().isEmpty()
                ? settings.withSceneBlob(spec.scene().get().getFileName().toString()) : settings;
    }

    private AzureSubmission.Result syncAndSubmit(CloudJobs farm, SceneCompiler.Compiled prepared, CloudChoices cloud,
                                                 SubmitListener listener, Cancellation cancel) {
        if (cloud.settings().outputContainerUrl().isPresent()) {
            throw new FarmRequestException("An output container URL goes with an asset container URL; without them the job"
                    + " gets its own output container in the Azure store: leave the output URL out.");
        }
        AssetStore opened;
        try {
            opened = AssetStores.open(home, env, Optional.of(AssetStores.AZURE));
        } catch (IllegalArgumentException e) {
            throw new FarmNotConfiguredException(List.of("storage account"),
                    e.getMessage() + " (the scene and its files are uploaded to Azure Storage; or give the assets' container URL)");
        }
        try (AssetStore store = opened; HashCache cache = AssetStores.hashCache(home)) {
            AzureSubmission.Request base = AzureSubmission.Request.of(prepared, cloud.assetProject(), cloud.settings());
            AzureSubmission.Request request = new AzureSubmission.Request(base.spec(), cloud.applyTo(base.upload(), prepared.manifest(), cwd),
                    base.project(), base.settings());
            listener.step("Uploading " + request.upload().files().size() + " file(s) to asset project " + request.project()
                    + " in " + store.describe() + ".");
            return new AzureSubmission(farm, (AzureBlobStore) store, cache,
                    SyncOptions.defaults().withRateLimit(cloud.uploadBytesPerSecond()))
                    .submit(request, listener, cancel);
        }
    }

    /** Templates on the named farm (checked now, opened when first needed: a dry run may need nothing). */
    public TemplateSession templates(String farm) {
        return new TemplateSession(farms, Farms.name(farm), env);
    }
}

package io.batchrender.cli;

import com.google.gson.JsonObject;
import io.batchrender.farm.Farms;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.RenderFarm;
import io.batchrender.json.JsonViews;
import io.batchrender.render.CommandLineSplitter;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.SyncProgress;
import io.batchrender.submit.CloudChoices;
import io.batchrender.compile.SubmitForm;
import io.batchrender.json.HostReferencesJson;
import io.batchrender.submit.SubmitListener;
import io.batchrender.compile.SubmitRequest;
import io.batchrender.submit.SubmitService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a scene (or any command) to render a range of frames.",
            "The renderer follows the scene's extension (.blend: Blender; .ma/.mb: Maya) unless --renderer names one."},
        footer = {"", "Examples:",
            "  batchrender submit shot.blend --frames 1-240 --output renders/shot --wait",
            "  batchrender submit shot.mb --renderer arnold --frames 1-100x2 --chunk 5 --camera shotCam",
            "  batchrender submit --command 'oiiotool in.{frame:4}.exr -o out.{frame:4}.png' --frames 1-50"})
final class SubmitCommand implements Callable<Integer> {

    private final Cli cli;

    @picocli.CommandLine.Mixin
    FarmOption farmOption = new FarmOption();

    @picocli.CommandLine.Mixin
    AzureSubmitOptions azure = new AzureSubmitOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENE", description = "The scene file to render.")
    Path scene;

    @Option(names = "--command", paramLabel = "CMD",
            description = "Run this program once per frame or chunk instead of a renderer; arguments may use "
                    + "{frame}, {start}, {end}, {step}, {output} and padded forms like {frame:4}. Split like a shell "
                    + "splits words, never run through one.")
    String command;

    @Option(names = {"-f", "--frames"}, paramLabel = "SPEC",
            description = "Frames to render: 1-100, 1-100x2, 1-10,20,30-40x5, -5--1 (Maya scenes: default the scene's own).")
    String frames;

    @Option(names = "--search-path", paramLabel = "DIR",
            description = "Maya scenes and --references: also look for the scene's files in this folder and below (repeatable).")
    List<Path> searchPaths = new ArrayList<>();

    @Option(names = "--references", paramLabel = "FILE", description = "A .blend's files as Blender reports them, a JSON"
            + " list [{\"node\", \"nodeType\", \"attribute\", \"path\"}...] (what the Blender add-on lists): checked,"
            + " uploaded to Azure and path-mapped on the nodes like a Maya scene's. Without it a .blend goes alone.")
    Path references;

    @Option(names = "--allow-missing",
            description = "Maya scenes and --references: submit even when files the scene needs are missing (they will render without them).")
    boolean allowMissing;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "1", description = "Frames per task (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = {"-r", "--renderer"}, paramLabel = "NAME",
            description = "blender, maya (the scene's own renderer), arnold, vray, sw, hw2, redshift, renderman.")
    String renderer;

    @Option(names = {"-n", "--name"}, description = "The job's name (default: the scene's file name).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where the finished images go (default: a folder of the job's under the state folder).")
    Path output;

    @Option(names = "--retries", defaultValue = "" + SubmitRequest.DEFAULT_RETRIES,
            description = "How many times a failed task is tried again (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationParser.class,
            description = "Stop an attempt that runs longer than this (e.g. 30m, 2h); it then counts as failed.")
    Duration timeout;

    @Option(names = "--engine", description = "Blender: CYCLES, EEVEE or WORKBENCH instead of the scene's engine.")
    String engine;

    @Option(names = "--format", description = "Blender: the image format (PNG, OPEN_EXR, JPEG, ...; default PNG).")
    String format;

    @Option(names = "--image-name", paramLabel = "NAME", description = "The images' base name (Blender: NAME_0001.png; Maya: -im).")
    String imageName;

    @Option(names = "--camera", description = "Maya: the camera to render.")
    String camera;

    @Option(names = "--layer", description = "Maya: the render layer to render.")
    String layer;

    @Option(names = "--project", paramLabel = "DIR", description = "Maya: the project folder.")
    Path project;

    @Option(names = "--wait", description = "Show progress until the job ends; exit 0 only when every task succeeded.")
    boolean waitForJob;

    @Option(names = "--dry-run", description = "Print the job exactly as the farm would take it (every task's command,"
            + " environment with secrets masked, files and outputs; on Azure the request bodies), and submit nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print {\"jobId\": ...} (with --wait: the finished job).")
    boolean json;

    SubmitCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (scene != null && command != null) {
            throw new UsageException("Give a scene or --command, not both.");
        }
        if (scene == null && command == null) {
            throw new UsageException("Give the scene to render (or --command): batchrender submit SCENE --frames 1-10.");
        }
        SubmitForm form = new SubmitForm(Optional.ofNullable(scene), Optional.ofNullable(command).map(CommandLineSplitter::split),
                Optional.ofNullable(frames), searchPaths, allowMissing, chunk, Optional.ofNullable(renderer),
                Optional.ofNullable(name), Optional.ofNullable(output), retries, Optional.ofNullable(timeout),
                Optional.ofNullable(engine), Optional.ofNullable(format), Optional.ofNullable(imageName),
                Optional.ofNullable(camera), Optional.ofNullable(layer), Optional.ofNullable(project),
                Optional.ofNullable(references).map(f -> HostReferencesJson.read(readReferences(f))));
        String farmName = Farms.name(farmOption.name);
        Optional<CloudChoices> cloud = farmName.equals(Farms.AZURE) ? Optional.of(azure.choices(scene != null)) : Optional.empty();
        SubmitService.Request request = new SubmitService.Request(form, farmName, cloud);
        if (dryRun) {
            cli.out.println(io.batchrender.job.JobJson.pretty(cli.submitService().preview(request)));
            return 0;
        }
        SubmitService.Result r = cli.submitService().submit(request, new Progress(cli, json), new Cancellation());
        JobInfo job = r.job();
        String where = r.outputsGoTo() + (r.upload().isPresent() ? "; fetch them with 'batchrender watch " + job.id() + " --to "
                + (output != null ? output : "DIR") + " --farm azure'" : "");
        r.upload().filter(u -> !json).ifPresent(u -> cli.err.println("Asset project " + u.assetProject() + ": "
                + u.sync().uploaded() + " file(s) uploaded (" + SyncProgressView.bytes(u.sync().bytesUploaded()) + "), "
                + u.sync().skipped() + " unchanged."));
        r.notes().forEach(n -> cli.err.println(n.startsWith("warning:") ? n : "note: " + n));
        String farmFlag = farmName.equals(Farms.LOCAL) ? "" : " --farm " + farmName;
        if (!waitForJob) {
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("jobId", job.id());
                cli.out.println(JsonViews.GSON.toJson(o));
            } else {
                cli.out.println(job.id());
                cli.err.println("Submitted " + r.tasks() + " task(s); images go to " + where
                        + ". Follow it with: batchrender job show " + job.id() + farmFlag);
            }
            return 0;
        }
        if (!json) {
            cli.out.println(job.id());
            cli.err.println("Rendering " + r.tasks() + " task(s); images go to " + where
                    + " (Ctrl-C stops watching; the job keeps running)");
        }
        try (RenderFarm farm = cli.farm(farmName)) {
            JobInfo done = new JobWaiter(farm, cli.err, !json).await(job.id());
            if (json) {
                // every task, a page at a time as it is read: a 100,000-task job is never held whole
                io.batchrender.json.JobTasksJson.write(cli.out, done, n -> farm.tasks(done.id(),
                        new io.batchrender.farm.TaskQuery(n, io.batchrender.json.JobTasksJson.PAGE_SIZE, Optional.empty())));
            } else {
                cli.err.println(summary(done, where));
            }
            return done.succeeded() ? 0 : Main.EXIT_FAILED;
        }
    }

    /** The upload's progress on stderr (not with --json), and its summary once it is done. */
    private static final class Progress implements SubmitListener {
        private final Cli cli;
        private final boolean quiet;
        private final SyncProgressView view;
        private boolean uploading;

        Progress(Cli cli, boolean quiet) {
            this.cli = cli;
            this.quiet = quiet;
            this.view = new SyncProgressView(cli.err, System.console() != null);
        }

        @Override
        public void upload(SyncProgress progress) {
            if (!quiet) {
                view.onProgress(progress);
            }
        }

        @Override
        public void step(String message) {
            uploading |= message.startsWith("Uploading");
            if (!quiet && uploading) { // the steps of a sync to the asset project; a local submit says its own
                cli.err.println(message);
            }
        }
    }

    private static String summary(JobInfo job, String where) {
        if (job.succeeded()) {
            return "Done: " + job.counts().succeeded() + " task(s) succeeded; images in " + where;
        }
        if (job.state() == JobState.COMPLETED) {
            return "Finished with " + job.counts().failed() + " failed task(s) of " + job.counts().total()
                    + ": see 'batchrender job show " + job.id() + "'";
        }
        return "Job " + job.id() + " is " + job.state().wire();
    }

    /** The text of a {@code --references} file, or a one-line usage error. */
    static String readReferences(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException | RuntimeException e) {
            throw new UsageException("Cannot read the references file " + file + " (" + e.getMessage()
                    + "): give a JSON list of the scene's files.");
        }
    }
}

package io.batchrender.compile;

import com.google.gson.JsonObject;
import io.batchrender.frames.FrameSet;
import io.batchrender.job.BatchFields;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.Job;
import io.batchrender.job.OutputFile;
import io.batchrender.job.ResourceFile;
import io.batchrender.job.Task;
import io.batchrender.render.BlenderRenderer;
import io.batchrender.render.MayaRenderer;
import io.batchrender.render.RenderSetupException;
import io.batchrender.render.pathmap.BlenderRemap;
import io.batchrender.render.pathmap.PathRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scene compiler's second half: a scene or command job for this workstation ({@link SceneCompiler})
 * into the job Azure Batch's Linux nodes run. The job preparation task lays the asset project out in
 * the node's job preparation folder once per node and writes the path map there (Blender's remap
 * script, or Maya's {@code userSetup.mel}: {@link MayaNodeSetup}); each task's program and arguments
 * become a node command line ({@link NodeCommandLine}) that opens the scene in that folder; images,
 * thumbnails and logs are its output files, each under the task's id. Pure: no I/O.
 */
public final class BatchNodeCompiler {

    /** The node's asset folder, as the path map scripts read it from the node's environment. */
    static final String ASSETS_ON_NODE = "$AZ_BATCH_JOB_PREP_WORKING_DIR/assets";
    /** The Blender path map script, in the job preparation task's working folder. */
    static final String REMAP_SCRIPT = "batchrender-remap.py";
    /** Where a task's images go below the job's output destination: {@code images/<task>/...}. */
    public static final String IMAGES = "images/";
    /** Where a task's thumbnails go: {@code thumbs/<task>/...}. */
    public static final String THUMBS = "thumbs/";
    /** Where a task's stdout and stderr go: {@code logs/<task>/...}. */
    public static final String LOGS = "logs/";
    /** The frames of a task, as a task environment variable. */
    public static final String FRAMES_VAR = "BATCHRENDER_FRAMES";

    private BatchNodeCompiler() {
    }

    /**
     * Where and how a job runs on Batch nodes.
     *
     * @param jobId       the job's id on Batch
     * @param assets      the asset project, as a resource file (a container of the farm's store or a SAS URL,
     *                    with its prefix); empty for a job that needs none (a command sweep)
     * @param sceneBlob   the scene's blob name in the asset project, so tasks open it on the node
     * @param pathMap     the artist's folders and their places in the asset folder
     * @param outputs     where images, thumbnails and logs go (a container or a container URL; its path is not
     *                    used); empty: they stay on the node
     * @param environment license servers and free variables, into every task's environment
     * @param metadata    names any tool listing the account can read ({@code assetProject}, {@code outputContainer})
     */
    public record Target(String jobId, Optional<ResourceFile> assets, Optional<String> sceneBlob, List<PathRule> pathMap,
                         Optional<OutputFile.Destination> outputs, Map<String, String> environment,
                         Map<String, String> metadata) {
        public Target {
            pathMap = List.copyOf(pathMap);
            environment = com.google.common.collect.ImmutableMap.copyOf(environment); // in the order given: stable bodies
            metadata = com.google.common.collect.ImmutableMap.copyOf(metadata);
        }
    }

    /** {@code job} (from {@link SceneCompiler}) for Batch's Linux nodes. */
    public static Job compile(Job job, Target target) {
        if (job.scene().isPresent() && target.assets().isEmpty()) {
            throw new RenderSetupException("A scene job on Azure needs its asset project on the nodes: submit it with its"
                    + " assets uploaded ('submit --farm azure' without --assets-url does it), or give --assets-url (a read SAS"
                    + " URL of the container the scene and its files were uploaded to).");
        }
        if (job.scene().isPresent() && target.sceneBlob().isEmpty()) {
            throw new RenderSetupException("A scene job on Azure needs the scene's blob name in its asset project: give --scene-blob.");
        }
        boolean maya = isMaya(job);
        List<Task> tasks = new ArrayList<>(job.tasks().size());
        for (Task t : job.tasks()) {
            tasks.add(Task.of(t.id(), new Command.Line(commandLine(t, job, target, maya)))
                    .withDisplayName(job.displayName() + " frames " + new FrameSet(t.frames()))
                    .withEnvironment(Map.of(FRAMES_VAR, t.frames().stream().map(String::valueOf).collect(Collectors.joining(","))))
                    .withConstraints(new Constraints(t.constraints().maxWallClockTime(), Optional.of(job.retriesOf(t))))
                    .withFiles(List.of(), target.outputs().map(d -> outputs(d, t.id())).orElse(List.of()))
                    .withFrames(t.frames(), t.requiredOutputs()));
        }
        Map<String, String> metadata = new LinkedHashMap<>(job.metadata());
        metadata.putAll(target.metadata());
        JsonObject extra = job.extra().object();
        // the job ends when its last task does, which the farm sets once every task is in
        extra.addProperty("onAllTasksComplete", "terminatejob");
        return new Job(target.jobId(), job.displayName(), job.origin(), job.priority(), job.constraints(),
                target.assets().map(a -> preparation(a, target.pathMap(), maya)), Optional.empty(), target.environment(),
                tasks, job.outputDir(), metadata, job.notes(), BatchFields.of(extra));
    }

    /** True when the job renders with Maya's Render. */
    public static boolean isMaya(Job job) {
        return !job.tasks().isEmpty() && job.tasks().get(0).command() instanceof Command.Call c
                && c.program().name().equals(MayaRenderer.RENDER.name());
    }

    /**
     * Lays the asset project out in the node's job preparation folder, once per node, and writes the
     * path map there: Blender's remap script, or for a Maya job the {@code userSetup.mel} that Maya's
     * tasks find first on {@code MAYA_SCRIPT_PATH} ({@link MayaNodeSetup}).
     */
    static Task preparation(ResourceFile assets, List<PathRule> pathMap, boolean maya) {
        ResourceFile into = assets.withFilePath("assets");
        // the Blender path map goes to the node once, as an argument of the preparation command; an empty asset
        // project (or prefix) downloads nothing and makes no folder, so the command makes it (ls would fail)
        String remap = pathMap.isEmpty() || maya ? "" : BlenderRemap.script(pathMap, ASSETS_ON_NODE);
        String mel = pathMap.isEmpty() || !maya ? "" : MayaNodeSetup.userSetup(pathMap);
        String setup = MayaNodeSetup.FOLDER + "/" + MayaNodeSetup.USER_SETUP;
        String line = "/bin/sh -c " + NodeCommandLine.quote("mkdir -p assets && ls -R assets > assets.txt && if [ -n \"$0\" ]; then printf '%s' \"$0\" > "
                + REMAP_SCRIPT + ".part && mv " + REMAP_SCRIPT + ".part " + REMAP_SCRIPT + "; fi"
                + " && if [ -n \"$1\" ]; then mkdir -p " + MayaNodeSetup.FOLDER + " && printf '%s' \"$1\" > " + setup
                + ".part && mv " + setup + ".part " + setup + "; fi")
                + " " + NodeCommandLine.quote(remap) + " " + NodeCommandLine.quote(mel);
        JsonObject extra = new JsonObject();
        extra.addProperty("rerunOnNodeRebootAfterSuccess", false);
        return Task.of(Job.DEFAULT_PREPARATION_ID, new Command.Line(line)).withFiles(List.of(into), List.of())
                .withWaitForSuccess(true).withExtra(BatchFields.of(extra));
    }

    /** The task's node command line; a Maya task with a path map runs Render through {@link MayaNodeSetup}. */
    static String commandLine(Task t, Job job, Target target, boolean maya) {
        Command.Call call = call(t);
        List<String> args = argsOnNode(call, job, target);
        if (maya && !target.pathMap().isEmpty() && target.sceneBlob().isPresent()) {
            return NodeCommandLine.of(MayaNodeSetup.LAUNCHER_PROGRAM, t.requiredOutputs(),
                    MayaNodeSetup.launcherArgs(call.program().name(), MayaNodeSetup.mapProject(args, target.pathMap())));
        }
        return NodeCommandLine.of(call.program().name(), t.requiredOutputs(), args);
    }

    /** The task's arguments with the scene's path turned into its place in the node's asset folder. */
    static List<String> argsOnNode(Command.Call call, Job job, Target target) {
        if (job.scene().isEmpty() || target.sceneBlob().isEmpty()) {
            return call.args();
        }
        String local = job.scene().map(Path::toString).orElseThrow();
        String onNode = NodeCommandLine.ASSETS_DIR + "/" + target.sceneBlob().get();
        List<String> args = new ArrayList<>();
        boolean blender = call.program().name().equals(BlenderRenderer.BLENDER.name());
        for (String a : call.args()) {
            args.add(a.equals(local) ? onNode : a);
            if (a.equals(local) && blender && !target.pathMap().isEmpty()) {
                // after the scene loads, before the render: the path map rewrites the scene's file paths
                args.add("--python");
                args.add(NodeCommandLine.ASSETS_DIR + "/../" + REMAP_SCRIPT);
            }
        }
        return args;
    }

    /**
     * Images on success to {@code images/<task>/}, thumbnails to {@code thumbs/<task>/}, the task's
     * stdout and stderr to {@code logs/<task>/} whatever happened: every blob says which task wrote
     * it, so the watcher fetches a task's outputs when that task succeeded, and only then.
     */
    static List<OutputFile> outputs(OutputFile.Destination base, String taskId) {
        return List.of(
                new OutputFile(NodeCommandLine.OUTPUT_FOLDER + "/**/*", at(base, IMAGES + taskId), OutputFile.UploadCondition.TASK_SUCCESS),
                new OutputFile("../std*.txt", at(base, LOGS + taskId), OutputFile.UploadCondition.TASK_COMPLETION),
                new OutputFile("thumbs/**/*", at(base, THUMBS + taskId), OutputFile.UploadCondition.TASK_SUCCESS));
    }

    private static OutputFile.Destination at(OutputFile.Destination base, String path) {
        return base.withPath(path);
    }

    private static Command.Call call(Task t) {
        if (t.command() instanceof Command.Call c) {
            return c;
        }
        throw new IllegalArgumentException("task " + t.id() + " is already a command line: only a scene compiler's"
                + " program with arguments is compiled for Batch nodes");
    }
}

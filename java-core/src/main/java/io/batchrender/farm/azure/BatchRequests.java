package io.batchrender.farm.azure;

import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import com.microsoft.azure.batch.protocol.models.AutoPoolSpecification;
import com.microsoft.azure.batch.protocol.models.AutoUserScope;
import com.microsoft.azure.batch.protocol.models.AutoUserSpecification;
import com.microsoft.azure.batch.protocol.models.ElevationLevel;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobConstraints;
import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.NetworkConfiguration;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.PoolLifetimeOption;
import com.microsoft.azure.batch.protocol.models.PoolSpecification;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.UserIdentity;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import io.batchrender.farm.JobSpec;
import io.batchrender.farm.TaskSpec;
import io.batchrender.frames.FrameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.joda.time.Period;

/** The request bodies of a submission, built from the job spec and its Azure settings: pure, no I/O. */
final class BatchRequests {

    /** Metadata names on jobs: what any tool listing the account sees. */
    static final String META_NAME = "batchrender.name";
    static final String META_SCENE = "scene";
    static final String META_RENDERER = "renderer";
    static final String META_FRAMES = "frames";
    static final String META_ASSETS = "assetProject";
    static final String META_OUTPUT = "outputContainer";
    static final String META_OUTPUT_DIR = "batchrender.outputDir";
    static final String META_SUBMISSION = "batchrender.submission";
    /** The frames of a task, as a task environment variable (also read back by the farm). */
    static final String FRAMES_VAR = "BATCHRENDER_FRAMES";
    /**
     * Installs Blender on an Ubuntu or Debian marketplace node. A node that has just booted is often running
     * unattended-upgrades, which holds apt's locks for minutes: apt waits for them up to 10 min
     * ({@code DPkg::Lock::Timeout}, apt 1.9.11 and later: Ubuntu 20.04 onwards), and the whole install is
     * tried up to 5 times, 5, 10, 20 and 40 s apart, so a lock or a mirror hiccup does not fail the node.
     */
    static final String APT_BLENDER = "/bin/bash -c 'export DEBIAN_FRONTEND=noninteractive; for wait in 5 10 20 40 0; do"
            + " if apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq"
            + " --no-install-recommends blender; then exit 0; fi; [ $wait -gt 0 ] && sleep $wait; done; exit 1'";

    /** The node's asset folder, as the path map scripts read it from the node's environment. */
    static final String ASSETS_ON_NODE = "$AZ_BATCH_JOB_PREP_WORKING_DIR/assets";
    /** The Blender path map script, in the job preparation task's working folder. */
    static final String REMAP_SCRIPT = "batchrender-remap.py";

    private BatchRequests() {
    }

    static JobAddParameter job(String jobId, String submission, JobSpec spec, AzureJobSettings s, PoolInformation pool,
                               String outputDir) {
        List<MetadataItem> meta = new ArrayList<>();
        meta.add(item(META_NAME, spec.name()));
        spec.scene().ifPresent(p -> meta.add(item(META_SCENE, p.toString())));
        meta.add(item(META_RENDERER, spec.renderer()));
        meta.add(item(META_FRAMES, frames(spec)));
        s.assetProject().ifPresent(a -> meta.add(item(META_ASSETS, a)));
        s.outputContainer().ifPresent(o -> meta.add(item(META_OUTPUT, o)));
        meta.add(item(META_OUTPUT_DIR, outputDir));
        meta.add(item(META_SUBMISSION, submission));
        JobAddParameter job = new JobAddParameter().withId(jobId).withDisplayName(spec.name()).withPoolInfo(pool)
                .withConstraints(new JobConstraints().withMaxTaskRetryCount(spec.maxRetries()))
                // terminatejob is set once every task is in: a job with no tasks yet would end at once
                .withOnAllTasksComplete(OnAllTasksComplete.NO_ACTION)
                .withMetadata(meta)
                .withCommonEnvironmentSettings(env(TaskEnvironment.of(s)));
        prepTask(s, isMaya(spec)).ifPresent(job::withJobPreparationTask);
        return job;
    }

    static java.util.Optional<JobPreparationTask> prepTask(AzureJobSettings s) {
        return prepTask(s, false);
    }

    /**
     * Lays the asset project out in the node's job preparation folder, once per node, and writes
     * the path map there: Blender's remap script, or for a Maya job the {@code userSetup.mel} that
     * Maya's tasks find first on {@code MAYA_SCRIPT_PATH} ({@link MayaNodeSetup}).
     */
    static java.util.Optional<JobPreparationTask> prepTask(AzureJobSettings s, boolean maya) {
        ResourceFile rf;
        if (s.assetContainerUrl().isPresent()) {
            rf = new ResourceFile().withStorageContainerUrl(s.assetContainerUrl().get());
        } else if (s.assetAutoStorageContainer().isPresent()) {
            rf = new ResourceFile().withAutoStorageContainerName(s.assetAutoStorageContainer().get());
        } else {
            return java.util.Optional.empty();
        }
        if (!s.assetBlobPrefix().isEmpty()) {
            rf.withBlobPrefix(s.assetBlobPrefix());
        }
        rf.withFilePath("assets");
        // the Blender path map goes to the node once, as an argument of the preparation command; an empty asset
        // project (or prefix) downloads nothing and makes no folder, so the command makes it (ls would fail)
        String remap = s.pathMap().isEmpty() || maya ? "" : io.batchrender.render.pathmap.BlenderRemap.script(s.pathMap(), ASSETS_ON_NODE);
        String mel = s.pathMap().isEmpty() || !maya ? "" : MayaNodeSetup.userSetup(s.pathMap());
        String setup = MayaNodeSetup.FOLDER + "/" + MayaNodeSetup.USER_SETUP;
        return java.util.Optional.of(new JobPreparationTask().withId("jobpreparation")
                .withCommandLine("/bin/sh -c " + NodeCommandLine.quote("mkdir -p assets && ls -R assets > assets.txt && if [ -n \"$0\" ]; then printf '%s' \"$0\" > "
                        + REMAP_SCRIPT + ".part && mv " + REMAP_SCRIPT + ".part " + REMAP_SCRIPT + "; fi"
                        + " && if [ -n \"$1\" ]; then mkdir -p " + MayaNodeSetup.FOLDER + " && printf '%s' \"$1\" > " + setup
                        + ".part && mv " + setup + ".part " + setup + "; fi")
                        + " " + NodeCommandLine.quote(remap) + " " + NodeCommandLine.quote(mel))
                .withResourceFiles(List.of(rf)).withWaitForSuccess(true).withRerunOnNodeRebootAfterSuccess(false));
    }

    static TaskAddParameter task(TaskSpec t, JobSpec spec, AzureJobSettings s) {
        TaskConstraints c = new TaskConstraints().withMaxTaskRetryCount(spec.maxRetries());
        spec.taskTimeout().ifPresent(d -> c.withMaxWallClockTime(Period.millis((int) Math.min(Integer.MAX_VALUE, d.toMillis()))));
        TaskAddParameter p = new TaskAddParameter().withId(t.id())
                .withDisplayName(spec.name() + " frames " + new FrameSet(t.frames()).toString())
                .withCommandLine(commandLine(t, spec, s))
                .withEnvironmentSettings(List.of(new EnvironmentSetting().withName(FRAMES_VAR)
                        .withValue(t.frames().stream().map(String::valueOf).collect(Collectors.joining(",")))))
                .withConstraints(c);
        s.outputContainerUrl().ifPresent(url -> p.withOutputFiles(outputs(url, t.id())));
        return p;
    }

    static boolean isMaya(JobSpec spec) {
        return !spec.tasks().isEmpty() && spec.tasks().get(0).command().program().name()
                .equals(io.batchrender.render.MayaRenderer.RENDER.name());
    }

    /** The task's node command line; a Maya task with a path map runs Render through {@link MayaNodeSetup}. */
    static String commandLine(TaskSpec t, JobSpec spec, AzureJobSettings s) {
        List<String> args = argsOnNode(t, spec, s);
        if (isMaya(spec) && !s.pathMap().isEmpty() && s.sceneBlob().isPresent()) {
            return NodeCommandLine.of(MayaNodeSetup.LAUNCHER_PROGRAM, t.command().minOutputFiles(),
                    MayaNodeSetup.launcherArgs(t.command().program().name(), MayaNodeSetup.mapProject(args, s.pathMap())));
        }
        return NodeCommandLine.of(t.command(), args);
    }

    /** The task's arguments with the scene's path turned into its place in the node's asset folder. */
    static List<String> argsOnNode(TaskSpec t, JobSpec spec, AzureJobSettings s) {
        if (spec.scene().isEmpty() || s.sceneBlob().isEmpty()) {
            return t.command().args();
        }
        String local = spec.scene().get().toString();
        String onNode = NodeCommandLine.ASSETS_DIR + "/" + s.sceneBlob().get();
        List<String> args = new ArrayList<>();
        boolean blender = t.command().program().name().equals(io.batchrender.render.BlenderRenderer.BLENDER.name());
        for (String a : t.command().args()) {
            args.add(a.equals(local) ? onNode : a);
            if (a.equals(local) && blender && !s.pathMap().isEmpty()) {
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
    static List<OutputFile> outputs(String containerUrl, String taskId) {
        return List.of(
                output(NodeCommandLine.OUTPUT_FOLDER + "/**/*", containerUrl, IMAGES + taskId, OutputFileUploadCondition.TASK_SUCCESS),
                output("../std*.txt", containerUrl, "logs/" + taskId, OutputFileUploadCondition.TASK_COMPLETION),
                output("thumbs/**/*", containerUrl, THUMBS + taskId, OutputFileUploadCondition.TASK_SUCCESS));
    }

    /** Where a task's images go in the output container: {@code images/<task>/...}. */
    static final String IMAGES = "images/";
    /** Where a task's thumbnails go in the output container: {@code thumbs/<task>/...}. */
    static final String THUMBS = "thumbs/";

    private static OutputFile output(String pattern, String url, String path, OutputFileUploadCondition when) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(
                        new OutputFileBlobContainerDestination().withContainerUrl(url).withPath(path)))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(when));
    }

    static PoolInformation autoPool(PoolSpec template, String prefix) {
        return new PoolInformation().withAutoPoolSpecification(new AutoPoolSpecification()
                .withAutoPoolIdPrefix(prefix).withPoolLifetimeOption(PoolLifetimeOption.JOB).withKeepAlive(false)
                .withPool(poolSpecification(template)));
    }

    static PoolSpecification poolSpecification(PoolSpec p) {
        PoolSpecification s = new PoolSpecification().withVmSize(p.vmSize())
                .withVirtualMachineConfiguration(vmConfig(p.image())).withTaskSlotsPerNode(p.taskSlotsPerNode());
        if (p.autoScaleFormula().isPresent()) {
            s.withEnableAutoScale(true).withAutoScaleFormula(p.autoScaleFormula().get());
        } else {
            s.withTargetDedicatedNodes(p.dedicatedNodes()).withTargetLowPriorityNodes(p.spotNodes());
        }
        if (p.image() instanceof PoolImage.Marketplace m && m.apt()) {
            s.withStartTask(blenderStartTask());
        }
        p.subnetId().ifPresent(id -> s.withNetworkConfiguration(new NetworkConfiguration().withSubnetId(id)));
        return s;
    }

    static PoolAddParameter pool(PoolSpec p) {
        PoolAddParameter a = new PoolAddParameter().withId(p.id()).withVmSize(p.vmSize())
                .withVirtualMachineConfiguration(vmConfig(p.image())).withTaskSlotsPerNode(p.taskSlotsPerNode());
        if (p.autoScaleFormula().isPresent()) {
            a.withEnableAutoScale(true).withAutoScaleFormula(p.autoScaleFormula().get())
                    .withAutoScaleEvaluationInterval(Period.minutes(5));
        } else {
            a.withTargetDedicatedNodes(p.dedicatedNodes()).withTargetLowPriorityNodes(p.spotNodes());
        }
        if (p.image() instanceof PoolImage.Marketplace m && m.apt()) {
            a.withStartTask(blenderStartTask());
        }
        p.subnetId().ifPresent(id -> a.withNetworkConfiguration(new NetworkConfiguration().withSubnetId(id)));
        return a;
    }

    private static StartTask blenderStartTask() {
        return new StartTask().withCommandLine(APT_BLENDER).withWaitForSuccess(true).withMaxTaskRetryCount(2)
                .withUserIdentity(new UserIdentity().withAutoUser(new AutoUserSpecification()
                        .withScope(AutoUserScope.POOL).withElevationLevel(ElevationLevel.ADMIN)));
    }

    /** The image's VM configuration; a marketplace image's node agent SKU must be resolved ({@link SupportedImages}). */
    private static VirtualMachineConfiguration vmConfig(PoolImage image) {
        if (image.nodeAgentSku().isEmpty()) {
            throw new IllegalStateException("the node agent SKU of " + image + " was not looked up");
        }
        ImageReference ref = image instanceof PoolImage.Gallery g
                ? new ImageReference().withVirtualMachineImageId(g.imageId())
                : marketplace((PoolImage.Marketplace) image);
        return new VirtualMachineConfiguration().withImageReference(ref).withNodeAgentSKUId(image.nodeAgentSku());
    }

    private static ImageReference marketplace(PoolImage.Marketplace m) {
        return new ImageReference().withPublisher(m.publisher()).withOffer(m.offer()).withSku(m.sku()).withVersion(m.version());
    }

    static String frames(JobSpec spec) {
        List<Integer> all = new ArrayList<>();
        spec.tasks().forEach(t -> all.addAll(t.frames()));
        return new FrameSet(all).toString();
    }

    private static MetadataItem item(String name, String value) {
        return new MetadataItem().withName(name).withValue(value);
    }

    private static List<EnvironmentSetting> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> new EnvironmentSetting().withName(e.getKey()).withValue(e.getValue())).toList();
    }
}

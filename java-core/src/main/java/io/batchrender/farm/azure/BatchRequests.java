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
import io.batchrender.job.Command;
import io.batchrender.job.Job;
import io.batchrender.job.Task;
import io.batchrender.frames.FrameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.joda.time.Period;

/** The request bodies of pools (a job's come from {@link BatchBodies}), and the names the farm gives job metadata: pure, no I/O. */
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
    static final String FRAMES_VAR = io.batchrender.compile.BatchNodeCompiler.FRAMES_VAR;
    /**
     * Installs Blender on an Ubuntu or Debian marketplace node. A node that has just booted is often running
     * unattended-upgrades, which holds apt's locks for minutes: apt waits for them up to 10 min
     * ({@code DPkg::Lock::Timeout}, apt 1.9.11 and later: Ubuntu 20.04 onwards), and the whole install is
     * tried up to 5 times, 5, 10, 20 and 40 s apart, so a lock or a mirror hiccup does not fail the node.
     */
    static final String APT_BLENDER = "/bin/bash -c 'export DEBIAN_FRONTEND=noninteractive; for wait in 5 10 20 40 0; do"
            + " if apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq"
            + " --no-install-recommends blender; then exit 0; fi; [ $wait -gt 0 ] && sleep $wait; done; exit 1'";


    private BatchRequests() {
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

}

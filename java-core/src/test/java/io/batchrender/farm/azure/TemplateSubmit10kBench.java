package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.serializer.AzureJacksonAdapter;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import io.batchrender.templates.ExpandedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * bench/template_submit_10k.sh: one mode per cold JVM, both with the Batch Explorer Maya/Arnold
 * job template swept over N frames (its four outputs per task to a file group in Azurite) onto the
 * Batch double (a pool with no nodes). {@code baseline N}: the least that sending these bodies
 * takes (the output container and its SAS, bodies read into the SDK's models unchecked, job,
 * collections, patch). {@code template N}: AzureTemplateJobs.submit (retired-feature and field-by-field checks,
 * file groups checked and created, SAS, pool check, job, collections, patch). Prints the seconds
 * and the requests.
 */
public final class TemplateSubmit10kBench {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int frames = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("template10k");
        try (BatchDouble batch = BatchDouble.builder(dir.resolve("nodes")).start()) {
            AzureFarm farm = new AzureFarm(new BatchAccount(batch.url(), batch.account(), batch.key()),
                    new StateHome(dir.resolve("state")), AzureJobSettings.on(new PoolChoice.Existing("maya-pool")), 8,
                    Duration.ofMillis(200));
            farm.createPool(new PoolSpec("maya-pool", "standard_d2s_v5", 0, 0, 1, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            int before = batch.requestCount();
            long start;
            String jobId;
            ExpandedJob job = HistoricalTemplates.sweepJob("ncj-templates-historical/maya/render-arnold-linux/job.template.json",
                    HistoricalTemplates.params("jobName", "robot", "jobPriority", 0, "poolId", "maya-pool", "mayaVersion",
                            "Maya2018", "inputDataSas", "https://acct.blob.core.windows.net/fgrp-robot?sv=x", "additionalFlags",
                            " ", "inputData", "robot", "sceneFile", "scenes/robot.ma", "frameStart", 1, "frameEnd", frames, "outputs", "renders"),
                    1, frames);
            try (AzuriteServer azurite = new AzuriteServer()) {
                azurite.start();
                try (AzureBlobStore store = azurite.store()) {
                    if (mode.equals("baseline")) {
                        // the least a submission of these bodies takes: the output container and its SAS, the
                        // bodies read into the SDK's models without any check, the job, the collections, the patch
                        start = System.nanoTime();
                        store.createContainer("fgrp-renders");
                        String url = store.sas().writeUrl("fgrp-renders");
                        ObjectMapper mapper = new AzureJacksonAdapter().serializer();
                        List<TaskAddParameter> tasks = new ArrayList<>();
                        for (JsonObject t : job.tasks()) {
                            TemplateFileGroups.rewrite(t, "", c -> url, c -> url);
                            tasks.add(mapper.readValue(t.toString(), TaskAddParameter.class));
                        }
                        JobAddParameter add = mapper.readValue(job.job().toString(), JobAddParameter.class)
                                .withOnAllTasksComplete(OnAllTasksComplete.NO_ACTION);
                        farm.client().protocolLayer().jobs().add(add);
                        farm.taskSubmitter().addAll(add.id(), tasks);
                        farm.client().protocolLayer().jobs().patch(add.id(),
                                new JobPatchParameter().withOnAllTasksComplete(OnAllTasksComplete.TERMINATE_JOB));
                        jobId = add.id();
                    } else {
                        start = System.nanoTime();
                        jobId = new AzureTemplateJobs(farm, store).submit(job).jobId();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int added = batch.taskIds(jobId).size();
            System.out.printf("%s: %d tasks in %.2f s, %d requests (%d task collections)%n", mode, added, seconds,
                    batch.requestCount() - before, batch.requestCount("POST /jobs/{id}/addtaskcollection"));
            System.out.printf("SECONDS %.3f%n", seconds);
            if (added != frames) {
                System.exit(1);
            }
        }
    }
}

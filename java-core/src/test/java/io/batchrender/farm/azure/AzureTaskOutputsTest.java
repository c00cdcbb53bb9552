package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.Checksum;
import io.batchrender.farm.JobInfo;
import io.batchrender.farm.JobState;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;

import io.batchrender.compile.SubmitRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the watcher is told a task wrote on Azure: only a succeeded task's own images, from its
 * own prefix of the output container, with the blob's MD5; a failed first attempt leaves nothing.
 */
class AzureTaskOutputsTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    @Test
    void aTasksOutputsAreItsOwnImagesOfItsSuccessfulAttempt() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
             AzureBlobStore store = AZURITE.store()) {
            store.createContainer("out-test");
            AzureFarm farm = DoubleFarms.on(batch, tmp.resolve("state"), "render");
            farm.createPool(new PoolSpec("render", "standard_d2s_v5", 1, 0, 2, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
            Path marks = tmp.resolve("marks");
            java.nio.file.Files.createDirectories(marks);
            // frame 1: a first attempt writes an image and fails, the retry writes another and succeeds;
            // frame 2: two images, one in a subfolder; frame 3 always fails
            String script = "mkdir -p \"$0/sub\"; case $1 in "
                    + "1) if [ -f '" + marks + "/1' ]; then echo retry > \"$0/f_1.txt\"; else touch '" + marks + "/1'; "
                    + "echo first > \"$0/first_attempt.txt\"; exit 1; fi;; "
                    + "2) echo two > \"$0/f_2.txt\"; echo deep > \"$0/sub/f_2b.txt\";; "
                    + "3) echo never > \"$0/f_3.txt\"; exit 7;; esac";
            var spec = SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("sh", "-c", script, "{output}", "{frame}")),
                    Optional.empty(), "1-3", 1, Optional.empty(), Optional.empty(), 1, Optional.empty()));
            AzureJobSettings settings = AzureJobSettings.on(new PoolChoice.Existing("render"))
                    .withOutputContainerUrl(store.sas().writeUrl("out-test")).withStorageNames("test", "out-test");

            JobInfo job = farm.submit(spec, settings).job();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            AzureTaskOutputs outputs = new AzureTaskOutputs(farm, store);
            List<TaskInfo> tasks = farm.tasks(job.id());
            assertEquals(2, tasks.get(0).attempts(), tasks.toString());

            assertEquals(List.of("f_1.txt"), names(outputs.list(job.id(), tasks.get(0))), "the failed attempt's image is not pushed");
            assertEquals(List.of("f_2.txt", "sub/f_2b.txt"), names(outputs.list(job.id(), tasks.get(1))));
            assertEquals(List.of(), outputs.list(job.id(), tasks.get(2)), "a failed task has nothing to fetch");
            for (OutputFile f : outputs.list(job.id(), tasks.get(1))) {
                assertEquals("2", f.taskId());
                byte[] bytes;
                try (var in = outputs.open(job.id(), f)) {
                    bytes = in.readAllBytes();
                }
                assertEquals(f.size(), bytes.length);
                String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
                assertEquals(Optional.of(new Checksum(Checksum.MD5, md5)), f.checksum());
            }
            try (var in = outputs.open(job.id(), outputs.list(job.id(), tasks.get(0)).get(0))) {
                assertArrayEquals("retry\n".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }
            assertTrue(farm.outputContainer(job.id()).orElseThrow().equals("out-test"));
            assertEquals(Optional.of("test"), farm.assetProject(job.id()));
        }
    }

    private static List<String> names(List<OutputFile> files) {
        return files.stream().map(OutputFile::name).sorted().toList();
    }
}

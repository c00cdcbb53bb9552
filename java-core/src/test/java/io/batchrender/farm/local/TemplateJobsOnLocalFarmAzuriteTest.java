package io.batchrender.farm.local;

import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.Submitted;
import static io.batchrender.farm.local.TemplateJobFixture.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.JobInfo;
import io.batchrender.storage.BlobInfo;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.Md5;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Resource files and outputs through container SAS URLs, served by Azurite, as a Batch node uses them. */
class TemplateJobsOnLocalFarmAzuriteTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    @Test
    void aTaskFetchesFromAReadSasAndUploadsThroughAWriteSasKeepingFoldersBelowThePattern() throws Exception {
        AzureBlobStore azure = AZURITE.store();
        azure.createContainer("sas-inputs");
        azure.createContainer("sas-outputs");
        Path a = tmp.resolve("a.txt");
        Files.writeString(a, "from azurite\n");
        azure.upload("sas-inputs", "shot/a.txt", a, Files.size(a), null, n -> { }, new Cancellation());
        azure.upload("sas-inputs", "other/b.txt", a, Files.size(a), null, n -> { }, new Cancellation());
        String read = azure.sas().readListUrl("sas-inputs");
        String write = azure.sas().writeUrl("sas-outputs");

        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-sas"}""", """
                    {"id": "0",
                     "commandLine": "/bin/sh -c 'mkdir -p out/deep; cp shot/a.txt out/result.txt; ls > out/deep/listing.txt'",
                     "resourceFiles": [{"storageContainerUrl": "%s", "blobPrefix": "shot/"}],
                     "outputFiles": [{"filePattern": "out/**/*.txt", "destination": {"container": {"containerUrl": "%s", "path": "results"}}}]}"""
                    .formatted(read, write))).job().id();
            JobInfo done = f.farm.awaitCompleted(id, Duration.ofSeconds(60));
            assertTrue(done.succeeded(), f.farm.diagnostics(id));
        }
        List<BlobInfo> blobs = azure.list("sas-outputs", "");
        assertEquals(List.of("results/deep/listing.txt", "results/result.txt"), blobs.stream().map(BlobInfo::name).sorted().toList());
        Path got = tmp.resolve("got.txt");
        azure.download("sas-outputs", "results/result.txt", got, n -> { }, new Cancellation());
        assertEquals("from azurite\n", Files.readString(got));
        azure.download("sas-outputs", "results/deep/listing.txt", got, n -> { }, new Cancellation());
        assertEquals("out\nshot\n", Files.readString(got), "only the blobs under the prefix were fetched, names kept");
        BlobInfo result = blobs.stream().filter(b -> b.name().equals("results/result.txt")).findFirst().orElseThrow();
        assertEquals(Md5.of("from azurite\n".getBytes()), result.contentMd5().orElseThrow(), "uploaded with its MD5");
    }

    @Test
    void anUploadRefusedByTheStorageServiceFailsASucceededAttempt() {
        AzureBlobStore azure = AZURITE.store();
        azure.createContainer("sas-readonly");
        String readOnly = azure.sas().readListUrl("sas-readonly");
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String id = f.submit(job("""
                    {"id": "tpl-refused"}""", """
                    {"id": "0", "commandLine": "/bin/sh -c 'echo frame > frame.txt'",
                     "outputFiles": [{"filePattern": "frame.txt", "destination": {"container": {"containerUrl": "%s"}}}]}"""
                    .formatted(readOnly))).job().id();
            f.farm.awaitCompleted(id, Duration.ofSeconds(60));
            var task = f.farm.task(id, "0");
            assertEquals(0, task.exitCode().orElseThrow());
            assertEquals(TaskFailure.OUTPUT_FILES_FAILED, task.failure().orElseThrow().code(), task.toString());
            String message = task.failure().orElseThrow().message();
            assertTrue(message.contains("frame.txt") && message.contains("HTTP 403"), message);
            assertTrue(!message.contains("sig="), "the SAS signature is never shown: " + message);
        }
    }
}

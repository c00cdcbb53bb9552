package io.batchrender.farm.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.storage.Cancellation;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzuriteServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskPerFile} on Azure: the files of a file group with URLs a node can download them from, against Azurite. */
class AzureFileGroupFilesTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    @Test
    void twentyFilesUnderAPrefixComeWithUrlsThatDownloadThemAndNothingElse() throws Exception {
        try (AzureBlobStore store = AZURITE.store()) {
            store.createContainer("fgrp-sequence");
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                String name = String.format("frames/shot 10/frame_%04d.exr", i); // a space, as artists name folders
                names.add(name);
                upload(store, "fgrp-sequence", name, "pixels of frame " + i);
            }
            upload(store, "fgrp-sequence", "framesets/other.txt", "shares the prefix's letters, not its folder");
            upload(store, "fgrp-sequence", "scenes/robot.ma", "scene");

            List<AzureFileGroupFiles.File> files = new AzureFileGroupFiles(store).list("fgrp-sequence", "frames/");

            assertEquals(names, files.stream().map(AzureFileGroupFiles.File::name).toList());
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < files.size(); i++) {
                AzureFileGroupFiles.File f = files.get(i);
                assertTrue(f.url().startsWith(store.containerUrl("fgrp-sequence") + "/frames/shot%2010/frame_"), f.url());
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(f.url())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), f.url());
                assertEquals("pixels of frame " + (i + 1), r.body());
                HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(f.url())).header("x-ms-blob-type", "BlockBlob")
                        .PUT(HttpRequest.BodyPublishers.ofString("overwritten")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(403, write.statusCode(), "the URL reads, it does not write");
            }
            assertEquals(22, new AzureFileGroupFiles(store).list("fgrp-sequence", "").size());
            assertTrue(new AzureFileGroupFiles(store).list("fgrp-sequence", "nothing/").isEmpty());
        }
    }

    @Test
    void aFileGroupThatDoesNotExistIsOneLine() {
        try (AzureBlobStore store = AZURITE.store()) {
            UnsupportedTemplateException e = assertThrows(UnsupportedTemplateException.class,
                    () -> new AzureFileGroupFiles(store).list("fgrp-missing", "frames/"));
            assertEquals("File group 'missing' (container fgrp-missing) is not in storage account devstoreaccount1 ("
                    + AZURITE.blobEndpoint() + ")"
                    + ": upload it with batchrender upload --project missing PATH...", e.getMessage());
            assertFalse(store.containerExists("fgrp-missing"));
        }
    }

    private void upload(AzureBlobStore store, String container, String name, String text) throws Exception {
        Path f = Files.createTempFile(tmp, "blob", ".bin");
        Files.writeString(f, text);
        store.upload(container, name, f, Files.size(f), null, n -> { }, new Cancellation());
    }
}

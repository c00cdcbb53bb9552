package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.render.TestScenes;
import io.batchrender.storage.BlobNames;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.StoreFiles;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.AzureStorageConfig;
import io.batchrender.storage.azure.AzuriteServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The storage commands as a user and the plug-in meet them, on the local store and on Azurite. */
class StorageCliTest {

    @RegisterExtension
    static final AzuriteServer AZURITE = new AzuriteServer();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
        JsonObject json() {
            JsonElement e = JsonParser.parseString(out);
            return e.getAsJsonObject();
        }
    }

    Result run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(AzureStorageConfig.ENV_CONNECTION_STRING);
        env.put("BATCHRENDER_HOME", tmp.resolve("state").toString());
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void uploadJsonCountsAndASecondUploadSkipsEverything() throws Exception {
        List<Path> files = StoreFiles.tree(tmp.resolve("shot"), 40, 2000, 1);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        Result first = run("upload", "--project", "shot010", tmp.resolve("shot").toString(), "--json");
        assertEquals(0, first.code(), first.err());
        JsonObject j = first.json();
        assertEquals("fgrp-shot010", j.get("container").getAsString());
        assertEquals(40, j.get("uploaded").getAsInt());
        assertEquals(0, j.get("skipped").getAsInt());
        assertEquals(bytes, j.get("bytesUploaded").getAsLong());

        Result second = run("upload", "--project", "shot010", tmp.resolve("shot").toString(), "--json");
        assertEquals(0, second.json().get("uploaded").getAsInt());
        assertEquals(40, second.json().get("skipped").getAsInt());
        assertEquals(0, second.json().get("bytesUploaded").getAsLong());

        Result projects = run("projects", "--json");
        assertTrue(projects.out().contains("\"container\": \"fgrp-shot010\""), projects.out());
        Result ls = run("project", "ls", "shot010", "--json");
        assertEquals(40, ls.json().getAsJsonArray("files").size());
        Result delete = run("project", "delete", "shot010");
        assertEquals(0, delete.code(), delete.err());
        assertEquals(2, run("project", "ls", "shot010").code(), "a deleted project is gone");
    }

    @Test
    void badInputIsAOneLineErrorWithExitCode2() {
        Result badName = run("upload", "--project", "shot 010", tmp.toString());
        assertEquals(2, badName.code());
        assertTrue(badName.err().startsWith("error: project name 'shot 010' may only hold"), badName.err());
        Result missing = run("upload", "--project", "shot", tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        assertEquals(2, run("upload", "--project", "shot").code());
        Result rate = run("upload", "--project", "shot", "--limit-rate", "fast", tmp.toString());
        assertEquals(2, rate.code());
        assertTrue(rate.err().startsWith("error: --limit-rate: 'fast' is not a rate"), rate.err());
        assertEquals(1, rate.err().lines().count());
        Result store = run("projects", "--store", "ftp");
        assertEquals(2, store.code());
        assertTrue(store.err().contains("--store local or --store azure"), store.err());
        assertEquals(1, store.err().lines().count());
    }

    @Test
    void fromScanUploadsTheSceneAndTheFilesItNeeds() throws Exception {
        Path scene = TestScenes.testData("maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma");
        Result r = run("upload", "--project", "cube", "--from-scan", scene.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Set<String> names = new HashSet<>();
        run("project", "ls", "cube", "--json").json().getAsJsonArray("files")
                .forEach(f -> names.add(f.getAsJsonObject().get("name").getAsString()));
        // cube.ma names D:/.../deadline_logo_48x48.png (found beside the scene) and references scene_file_to_reference.mb
        assertTrue(names.contains(BlobNames.forLocalPath(scene.toString())), names.toString());
        assertTrue(names.contains(BlobNames.forLocalPath(scene.resolveSibling("deadline_logo_48x48.png").toString())));
        assertTrue(names.contains(BlobNames.forLocalPath(scene.resolveSibling("scene_file_to_reference.mb").toString())));
        // and the path map the shipped Maya templates load: the scene's D:/ folder maps to where its files landed
        assertTrue(names.contains("batchrender-maya/userSetup.mel"), names.toString());
        assertEquals(names.size() - 1, r.json().get("uploaded").getAsInt());
        assertEquals("batchrender-maya/userSetup.mel", r.json().getAsJsonObject("mayaPathMap").get("blob").getAsString());
        assertEquals(0, run("download", "--container", "fgrp-cube", "--prefix", "batchrender-maya/", "--to", tmp.toString()).code());
        String script = Files.readString(tmp.resolve("userSetup.mel"));
        String sceneDir = BlobNames.forLocalPath(scene.getParent().toString());
        assertTrue(script.contains("dirmap -m \"D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube\""
                + " ($batchrenderAssets + \"/" + sceneDir + "\");"), script);
    }

    @Test
    void downloadSaysWhichBlobsItRefused() throws Exception {
        Map<String, String> env = Map.of(AzureStorageConfig.ENV_CONNECTION_STRING, AZURITE.connectionString());
        Path f = StoreFiles.write(tmp.resolve("x.txt"), 10, 1);
        try (AzureBlobStore store = AZURITE.store()) {
            store.createContainer("evil");
            store.upload("evil", "../../escape.txt", f, 10, StoreFiles.md5(f), n -> { }, new Cancellation());
            store.upload("evil", "good/ok.txt", f, 10, StoreFiles.md5(f), n -> { }, new Cancellation());
        }
        Path dest = tmp.resolve("a/b/dest");
        Result r = run(env, "download", "--store", "azure", "--container", "evil", "--to", dest.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("refused: ../../escape.txt (name climbs out with '..')"), r.err());
        assertTrue(Files.isRegularFile(dest.resolve("good/ok.txt")));
        assertFalse(Files.exists(tmp.resolve("a/escape.txt")));
        assertFalse(Files.exists(tmp.resolve("escape.txt")));
    }

    @Test
    void storageUseWritesAUserOnlyFileAndTheKeyNeverShows() throws Exception {
        Result use = run("storage", "use", "azure", "--account", "studio");
        assertEquals(0, use.code(), use.err());
        Path file = tmp.resolve("state/storage.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Result show = run(Map.of(AzureStorageConfig.ENV_KEY, "c2VjcmV0LWtleQ=="), "storage", "show");
        assertTrue(show.out().contains("account=studio"), show.out());
        assertTrue(show.out().contains("SHARED_KEY"));
        assertFalse(show.out().contains("c2VjcmV0LWtleQ=="));
        Result local = run("storage", "use", "local");
        assertEquals(0, local.code());
        assertTrue(run("storage", "show").out().startsWith("store    local"));
    }

    @Test
    void theAzureStoreThroughTheCli() throws Exception {
        Map<String, String> env = Map.of(AzureStorageConfig.ENV_CONNECTION_STRING, AZURITE.connectionString());
        StoreFiles.tree(tmp.resolve("tex"), 12, 500, 3);
        Result r = run(env, "upload", "--store", "azure", "--project", "az_shot", tmp.resolve("tex").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(12, r.json().get("uploaded").getAsInt());
        assertTrue(r.json().get("container").getAsString().startsWith("fgrp-az-shot-"));
        Result down = run(env, "download", "--store", "azure", "--container", r.json().get("container").getAsString(),
                "--to", tmp.resolve("back").toString(), "--json");
        assertEquals(0, down.code(), down.err());
        assertEquals(12, down.json().get("downloaded").getAsInt());
    }
}

package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.FileGroups;
import io.batchrender.storage.local.LocalBlobStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** taskPerFile over a file group in the local farm's store: 20 plates, one task each, then the merge. */
class TaskPerFileTest {

    static final String TEMPLATE = """
            {
              "parameters": {
                "plates": {"type": "string", "defaultValue": "shot010_plates"}
              },
              "job": {
                "id": "denoise",
                "poolInfo": {"poolId": "local"},
                "taskFactory": {
                  "type": "taskPerFile",
                  "source": {
                    "fileGroup": "[parameters('plates')]",
                    "prefix": "frames/"
                  },
                  "repeatTask": {
                    "displayName": "{fileName}",
                    "commandLine": "denoise --in {fileName} --out {fileNameWithoutExtension}.png",
                    "resourceFiles": [{"httpUrl": "{url}", "filePath": "{fileName}"}],
                    "outputFiles": [{"filePattern": "{fileNameWithoutExtension}.png",
                                     "destination": {"autoStorage": {"fileGroup": "renders", "path": "denoised/{filePath}"}},
                                     "uploadOptions": {"uploadCondition": "taskSuccess"}}]
                  },
                  "mergeTask": {
                    "displayName": "movie",
                    "commandLine": "ffmpeg -i plate_%03d.png movie.mp4"
                  }
                }
              }
            }
            """;

    @TempDir
    Path tmp;
    LocalBlobStore store;
    String container;

    @BeforeEach
    void uploadPlates() throws Exception {
        store = LocalBlobStore.open(tmp.resolve("state/storage/local"));
        container = FileGroups.containerName("shot010_plates");
        store.createContainer(container);
        for (int i = 1; i <= 20; i++) {
            upload(String.format("frames/plate_%03d.exr", i), "plate " + i);
        }
        upload("reference/notes.txt", "not a frame");
        upload("framesheet.pdf", "not under frames/ either");
    }

    @AfterEach
    void close() {
        store.close();
    }

    void upload(String name, String content) throws Exception {
        Path f = Files.writeString(tmp.resolve("upload.bin"), content);
        store.upload(container, name, f, Files.size(f), null, n -> { }, new Cancellation());
    }

    @Test
    void twentyFilesMakeTwentyTasksAndTheMergeTaskRunsLast() throws Exception {
        ExpandedJob job = JobTemplates.expand(Template.parse(TEMPLATE, "perfile.json"), ParameterValues.none(),
                FileGroupFiles.ofLocalStore(store));
        List<JsonObject> tasks = job.tasks();
        assertEquals(21, tasks.size());
        for (int i = 0; i < 20; i++) {
            String base = String.format("plate_%03d", i + 1);
            JsonObject task = tasks.get(i);
            assertEquals(Integer.toString(i), task.get("id").getAsString());
            assertEquals(base + ".exr", task.get("displayName").getAsString());
            assertEquals("denoise --in " + base + ".exr --out " + base + ".png", task.get("commandLine").getAsString());
            JsonObject rf = task.getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
            assertEquals(base + ".exr", rf.get("filePath").getAsString());
            URI url = URI.create(rf.get("httpUrl").getAsString());
            assertEquals("file", url.getScheme());
            assertArrayEquals(("plate " + (i + 1)).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(Path.of(url)),
                    "{url} is the stored bytes of that very blob");
            JsonObject out = task.getAsJsonArray("outputFiles").get(0).getAsJsonObject();
            assertEquals(base + ".png", out.get("filePattern").getAsString());
            assertEquals("denoised/frames/" + base + ".exr",
                    out.getAsJsonObject("destination").getAsJsonObject("autoStorage").get("path").getAsString());
        }
        JsonObject merge = tasks.get(20);
        assertEquals("merge", merge.get("id").getAsString());
        assertEquals("ffmpeg -i plate_%03d.png movie.mp4", merge.get("commandLine").getAsString());
        assertEquals(JsonParser.parseString("{\"taskIdRanges\": [{\"start\": 0, \"end\": 19}]}"), merge.get("dependsOn"));
        assertTrue(job.job().get("usesTaskDependencies").getAsBoolean());
    }

    @Test
    void aPrefixWithNoFilesIsAnErrorNamingTheSource() {
        String text = TEMPLATE.replace("\"prefix\": \"frames/\"", "\"prefix\": \"frames_v2/\"");
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(
                Template.parse(text, "perfile.json"), ParameterValues.none(), FileGroupFiles.ofLocalStore(store)));
        assertTrue(e.getMessage().startsWith("perfile.json:" + SharedTemplates.lineOf(text, "\"fileGroup\": \"[parameters")
                + ": no files in file group 'shot010_plates' (container " + container + ") under the prefix \"frames_v2/\""),
                e.getMessage());
    }

    @Test
    void aFileGroupThatDoesNotExistIsAnErrorNamingTheLine() {
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(
                Template.parse(TEMPLATE, "perfile.json"), ParameterValues.fromArgs(List.of("plates=shot999")),
                FileGroupFiles.ofLocalStore(store)));
        assertTrue(e.getMessage().startsWith("perfile.json:" + SharedTemplates.lineOf(TEMPLATE, "\"fileGroup\": \"[parameters")
                + ": cannot list the files of the taskPerFile source: there is no container fgrp-shot999"), e.getMessage());
    }

    @Test
    void placeholdersOfTheOtherFactoryAreRefused() {
        String text = TEMPLATE.replace("\"displayName\": \"{fileName}\"", "\"displayName\": \"frame {0}\"");
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(
                Template.parse(text, "perfile.json"), ParameterValues.none(), FileGroupFiles.ofLocalStore(store)));
        assertTrue(e.getMessage().startsWith("perfile.json:" + SharedTemplates.lineOf(text, "frame {0}") + ": in \"frame {0}\":"
                + " '{0}' is not a placeholder here (placeholders: {url}, {filePath}, {fileName}, {fileNameWithoutExtension})"),
                e.getMessage());
    }
}

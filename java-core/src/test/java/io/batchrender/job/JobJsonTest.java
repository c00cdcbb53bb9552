package io.batchrender.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.render.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobJsonTest {

    private static Job sample() {
        Task prep = Task.of("prep", new Command.Line("/bin/bash -c 'mkdir -p assets'"));
        Task render = Task.of("1", new Command.Call(Program.named("blender"), List.of("-b", "shot.blend", "-o",
                Command.OUTPUT_DIR + "/f_####", "-f", "1")))
                .withFrames(List.of(1), 1)
                .withFiles(List.of(ResourceFile.fromContainer("fgrp-shot", "scenes/", "assets")),
                        List.of(new OutputFile("outputs/**/*", OutputFile.Destination.jobOutputFolder(""),
                                OutputFile.UploadCondition.TASK_SUCCESS)))
                .withConstraints(Constraints.of(2, Optional.of(Duration.ofHours(2))));
        Task merge = Task.of("merge", new Command.Line("ffmpeg -i f_%04d.png out.mp4"))
                .withDependsOn(new DependsOn(List.of(), List.of(new DependsOn.IdRange(1, 1))));
        JsonObject pool = new JsonObject();
        pool.addProperty("poolId", "render");
        JsonObject poolInfo = new JsonObject();
        poolInfo.add("poolInfo", pool);
        return new Job("", "shot", new Origin(Origin.Kind.SCENE, "blender", Optional.of(Path.of("/shots/shot.blend"))), 0,
                Constraints.NONE, Optional.of(prep), Optional.empty(), Map.of("B", "2", "A", "1"), List.of(render, merge),
                Optional.empty(), Map.of("assetProject", "shot"), List.of(), BatchFields.of(poolInfo));
    }

    @Test
    void aJobComesBackFromItsJsonAsItWent() {
        Job job = sample();
        assertEquals(job, JobJson.job(JobJson.toJson(job).toString()));
        for (Task t : job.allTasks()) {
            assertEquals(t, JobJson.task(JobJson.toJson(t).toString()));
        }
    }

    @Test
    void emptyPartsAreLeftOutAndDurationsAreBatchs() {
        JsonObject json = JobJson.toJson(sample());
        assertFalse(json.has("releaseTask"));
        assertFalse(json.has("outputDir"));
        JsonObject render = json.getAsJsonArray("tasks").get(0).getAsJsonObject();
        assertEquals("PT2H", render.getAsJsonObject("constraints").get("maxWallClockTime").getAsString());
        assertEquals("render", json.getAsJsonObject("extra").getAsJsonObject("poolInfo").get("poolId").getAsString());
        assertEquals("fgrp-shot", render.getAsJsonArray("resourceFiles").get(0).getAsJsonObject()
                .get("autoStorageContainerName").getAsString());
    }

    @Test
    void aMinimalStoredTaskReadsWithBatchsDefaults() {
        Task t = JobJson.task("{\"id\":\"7\",\"command\":{\"commandLine\":\"echo hi\"}}");
        assertEquals(new Command.Line("echo hi"), t.command());
        assertTrue(t.dependsOn().isEmpty());
        assertEquals(Constraints.NONE, t.constraints());
        assertTrue(t.extra().isEmpty());
    }

    @Test
    void idsAreCheckedAsTheServiceChecksThem() {
        Job job = sample();
        Task other = Task.of("MERGE", new Command.Line("echo"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job.withTasks(List.of(job.tasks().get(0), job.tasks().get(1), other)));
        assertTrue(e.getMessage().contains("differ only in case"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> job.withTasks(List.of(Task.of("prep", new Command.Line("x")))));
        assertThrows(IllegalArgumentException.class, () -> job.withTasks(List.of(Task.of("JobRelease", new Command.Line("x")))));
    }

    @Test
    void previewsMaskSecretsAndSasSignatures() {
        Map<String, String> masked = Secrets.masked(Map.of("AZURE_STORAGE_KEY", "abc", "ASSETS",
                "https://a.blob.core.windows.net/c?sv=2024&sig=SECRET%3D&se=x"));
        assertEquals(Secrets.MASK, masked.get("AZURE_STORAGE_KEY"));
        assertEquals("https://a.blob.core.windows.net/c?sv=2024&sig=***&se=x", masked.get("ASSETS"));
    }
}

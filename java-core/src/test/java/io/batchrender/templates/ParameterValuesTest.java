package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters files in the extensions' shapes, --param, and which one wins. */
class ParameterValuesTest {

    static final Path LINUX_JOB = SharedTemplates.maya("render-arnold-linux/job.template.json");

    @TempDir
    Path tmp;

    @Test
    void theCommandLineWinsOverTheParametersFile() throws Exception {
        Path params = Files.writeString(tmp.resolve("shot010.parameters.json"), """
                {
                  "jobName": {"value": "from-file"},
                  "inputData": {"value": "shot010"},
                  "inputDataSas": {"value": "https://a/fgrp-shot010?sig=x"},
                  "sceneFile": {"value": "scenes/a.ma"},
                  "outputs": {"value": "renders"},
                  "frameStart": {"value": 10},
                  "frameEnd": {"value": 20},
                  "jobPriority": "100"
                }
                """);
        ParameterValues values = ParameterValues.fromFile(params)
                .overriddenBy(ParameterValues.fromArgs(List.of("frameEnd=12", "jobName=from-args")));
        ExpandedJob job = JobTemplates.expand(Template.read(LINUX_JOB), values, FileGroupFiles.none());
        assertEquals("from-args", job.id());
        assertEquals(3, job.tasks().size(), "frames 10 (file) to 12 (--param)");
        assertEquals("Frame 10", job.tasks().get(0).get("displayName").getAsString());
        assertEquals(100, job.job().get("priority").getAsInt(), "a plain value, given as text, read as the declared int");
        assertTrue(job.job().get("priority").getAsJsonPrimitive().isNumber());
    }

    @Test
    void anArmParametersFileIsReadToo() throws Exception {
        Path params = Files.writeString(tmp.resolve("arm.json"), """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {
                    "inputData": {"value": "shot010"},
                    "inputDataSas": {"value": "s"},
                    "sceneFile": {"value": "a.ma"},
                    "outputs": {"value": "o"}
                  }
                }
                """);
        JsonObject job = JobTemplates.expand(Template.read(LINUX_JOB), ParameterValues.fromFile(params), FileGroupFiles.none()).job();
        assertEquals("maya-arnold-centos", job.get("id").getAsString());
    }

    @Test
    void aBadValueInTheFileNamesTheTemplateLineAndTheFileLine() throws Exception {
        Path params = Files.writeString(tmp.resolve("p.json"), """
                {
                  "inputData": {"value": "shot010"},
                  "inputDataSas": {"value": "s"},
                  "sceneFile": {"value": "a.ma"},
                  "outputs": {"value": "o"},
                  "frameEnd": {"value": 2.5}
                }
                """);
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(Template.read(LINUX_JOB),
                ParameterValues.fromFile(params), FileGroupFiles.none()));
        assertEquals(LINUX_JOB + ":" + SharedTemplates.lineOf(LINUX_JOB, "\"frameEnd\": {") + ": parameter 'frameEnd' needs an int,"
                + " got 2.5 (from " + params + ":6): write e.g. \"frameEnd\": {\"value\": 10} in " + params + ":6", e.getMessage());
    }

    @Test
    void aBrokenParametersFileNamesItsOwnLine() throws Exception {
        Path params = Files.writeString(tmp.resolve("p.json"), "{\n  \"a\": {\"value\": 1},\n}\n");
        TemplateException e = assertThrows(TemplateException.class, () -> ParameterValues.fromFile(params));
        assertTrue(e.getMessage().startsWith(params + ":2: trailing comma before '}'"), e.getMessage());
        TemplateException missing = assertThrows(TemplateException.class, () -> ParameterValues.fromFile(tmp.resolve("nope.json")));
        assertEquals(tmp.resolve("nope.json") + ": no such parameters file: check the path", missing.getMessage());
    }

    @Test
    void theLastOfTwoValuesForOneNameWinsAndEverythingAfterTheFirstEqualsIsTheValue() {
        ParameterValues v = ParameterValues.fromArgs(List.of("a=1", "b=x=y", "a=2"));
        assertEquals(List.of("a", "b"), List.copyOf(v.names()));
        assertEquals("2", v.get("a").value().getAsString());
        assertEquals("x=y", v.get("b").value().getAsString());
    }
}

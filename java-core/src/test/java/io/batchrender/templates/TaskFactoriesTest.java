package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** parametricSweep and taskCollection: order, ids, placeholders, escapes, merge task, and their errors. */
class TaskFactoriesTest {

    static ExpandedJob expand(String factory) {
        return JobTemplates.expand(Template.parse(job(factory), "job.json"), ParameterValues.none(), FileGroupFiles.none());
    }

    static String job(String factory) {
        return "{\n  \"job\": {\n    \"id\": \"sweep\",\n    \"poolInfo\": {\"poolId\": \"p\"},\n    \"taskFactory\": " + factory
                + "\n  }\n}\n";
    }

    static TemplateException error(String factory) {
        return assertThrows(TemplateException.class, () -> expand(factory));
    }

    static void assertLine(TemplateException e, String text, String needle) {
        String prefix = "job.json:" + SharedTemplates.lineOf(text, needle) + ": ";
        assertTrue(e.getMessage().startsWith(prefix), "expected " + prefix + " in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void twoSetsMakeTheCartesianProductWithTheLastSetFastest() {
        List<JsonObject> tasks = expand("""
                {
                  "type": "parametricSweep",
                  "parameterSets": [{"start": 1, "end": 3}, {"start": 10, "end": 30, "step": 10}],
                  "repeatTask": {"commandLine": "render -x {0} -y {1}"}
                }""").tasks();
        List<String> expected = new ArrayList<>();
        for (int x = 1; x <= 3; x++) {
            for (int y = 10; y <= 30; y += 10) {
                expected.add("render -x " + x + " -y " + y);
            }
        }
        assertEquals(expected, tasks.stream().map(t -> t.get("commandLine").getAsString()).toList());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8"), tasks.stream().map(t -> t.get("id").getAsString()).toList());
    }

    @Test
    void aStepThatDoesNotDivideTheRangeStopsBeforeTheEnd() {
        List<JsonObject> tasks = expand("""
                {"type": "parametricSweep", "parameterSets": [{"start": 5, "end": 10, "step": 3}],
                 "repeatTask": {"commandLine": "f {0}"}}""").tasks();
        assertEquals(List.of("f 5", "f 8"), tasks.stream().map(t -> t.get("commandLine").getAsString()).toList());
    }

    @Test
    void aNegativeStepCountsDownAsInTheExtensions() {
        List<JsonObject> tasks = expand("""
                {"type": "parametricSweep", "parameterSets": [{"start": 10, "end": 1, "step": -4}],
                 "repeatTask": {"commandLine": "f {0}"}}""").tasks();
        assertEquals(List.of("f 10", "f 6", "f 2"), tasks.stream().map(t -> t.get("commandLine").getAsString()).toList());
    }

    @Test
    void paddingAndEscapesFollowTheExtensionsRules() {
        JsonObject task = expand("""
                {"type": "parametricSweep", "parameterSets": [{"start": 7, "end": 7}, {"start": 12345, "end": 12345}],
                 "repeatTask": {
                   "displayName": "frame {0:4} of {1:3}",
                   "commandLine": "echo {{literal}} {{{0}}} ${{HOME}} {0:1} {1:9}",
                   "environmentSettings": [{"name": "FRAME", "value": "{0:2}"}],
                   "resourceFiles": [{"source": {"fileGroup": "shot{0}", "prefix": "cache/f{0:3}"}, "filePath": "in/{0}"}],
                   "outputFiles": [{"filePattern": "out/*.{0}.exr",
                                    "destination": {"autoStorage": {"fileGroup": "renders", "path": "f{0:5}"}},
                                    "uploadOptions": {"uploadCondition": "taskSuccess"}}],
                   "constraints": {"maxTaskRetryCount": 2}
                 }}""").tasks().get(0);
        assertEquals("frame 0007 of 12345", task.get("displayName").getAsString(), "padding never cuts digits");
        assertEquals("echo {literal} {7} ${HOME} 7 000012345", task.get("commandLine").getAsString());
        assertEquals("07", task.getAsJsonArray("environmentSettings").get(0).getAsJsonObject().get("value").getAsString());
        JsonObject rf = task.getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
        assertEquals(JsonParser.parseString("{\"autoStorageContainerName\": \"fgrp-shot7\", \"blobPrefix\": \"cache/f007\","
                + " \"filePath\": \"in/7\"}"), rf);
        JsonObject out = task.getAsJsonArray("outputFiles").get(0).getAsJsonObject();
        assertEquals("out/*.7.exr", out.get("filePattern").getAsString());
        assertEquals("f00007", out.getAsJsonObject("destination").getAsJsonObject("autoStorage").get("path").getAsString());
        assertEquals(2, task.getAsJsonObject("constraints").get("maxTaskRetryCount").getAsInt());
    }

    @Test
    void theMergeTaskComesLastAndDependsOnEveryFactoryTask() {
        ExpandedJob job = expand("""
                {"type": "parametricSweep", "parameterSets": [{"start": 1, "end": 4}],
                 "repeatTask": {"commandLine": "render {0}"},
                 "mergeTask": {"displayName": "encode", "commandLine": "ffmpeg -i f{0}.png out.mp4"}}""");
        List<JsonObject> tasks = job.tasks();
        assertEquals(5, tasks.size());
        JsonObject merge = tasks.get(4);
        assertEquals("merge", merge.get("id").getAsString());
        assertEquals("encode", merge.get("displayName").getAsString());
        assertEquals("ffmpeg -i f{0}.png out.mp4", merge.get("commandLine").getAsString(),
                "the merge task is not a sweep task: its braces are kept, as in the extensions");
        assertEquals(JsonParser.parseString("{\"taskIdRanges\": [{\"start\": 0, \"end\": 3}]}"), merge.get("dependsOn"));
        assertTrue(job.job().get("usesTaskDependencies").getAsBoolean());
    }

    @Test
    void aTaskCollectionKeepsItsIdsAndDependencies() {
        ExpandedJob job = expand("""
                {"type": "taskCollection", "tasks": [
                  {"id": "sim", "commandLine": "simulate"},
                  {"id": "render_a", "commandLine": "render a", "dependsOn": {"taskIds": ["sim"]}}
                ]}""");
        assertEquals(List.of("sim", "render_a"), job.tasks().stream().map(t -> t.get("id").getAsString()).toList());
        assertEquals(JsonParser.parseString("{\"taskIds\": [\"sim\"]}"), job.tasks().get(1).get("dependsOn"));
        assertTrue(job.job().get("usesTaskDependencies").getAsBoolean());
    }

    @Test
    void sweepMistakesNameTheirLine() {
        String stepZero = """
                {"type": "parametricSweep", "parameterSets": [
                   {"start": 1, "end": 4,
                    "step": 0}],
                 "repeatTask": {"commandLine": "r {0}"}}""";
        assertLine(error(stepZero), job(stepZero), "\"step\": 0");
        String backwards = """
                {"type": "parametricSweep", "parameterSets": [
                   {"start": 10,
                    "end": 4, "step": 1}],
                 "repeatTask": {"commandLine": "r {0}"}}""";
        TemplateException e = error(backwards);
        assertLine(e, job(backwards), "\"end\": 4");
        assertTrue(e.getMessage().contains("\"end\" (4) is before \"start\" (10): make end at least start, or count"
                + " down with a negative \"step\""), e.getMessage());
        String upWithNegativeStep = """
                {"type": "parametricSweep", "parameterSets": [
                   {"start": 1, "end": 4,
                    "step": -1}],
                 "repeatTask": {"commandLine": "r {0}"}}""";
        assertLine(error(upWithNegativeStep), job(upWithNegativeStep), "\"step\": -1");
        String beyond = """
                {"type": "parametricSweep", "parameterSets": [{"start": 1, "end": 2}, {"start": 1, "end": 2}],
                 "repeatTask": {
                   "commandLine": "r {0} {2}"}}""";
        e = error(beyond);
        assertLine(e, job(beyond), "r {0} {2}");
        assertTrue(e.getMessage().contains("{2} refers to parameter set 2, but the sweep has 2"), e.getMessage());
        String badPadding = """
                {"type": "parametricSweep", "parameterSets": [{"start": 1, "end": 2}],
                 "repeatTask": {"commandLine": "r {0:10}"}}""";
        assertTrue(error(badPadding).getMessage().contains("the padding is 1 to 9 digits"));
        String unescaped = """
                {"type": "parametricSweep", "parameterSets": [{"start": 1, "end": 2}],
                 "repeatTask": {"commandLine": "r {0}",
                   "environmentSettings": [{"name": "X", "value": "${HOME}"}]}}""";
        e = error(unescaped);
        assertLine(e, job(unescaped), "${HOME}");
        assertTrue(e.getMessage().contains("write {{ and }} for literal braces"), e.getMessage());
        String withId = """
                {"type": "parametricSweep", "parameterSets": [{"start": 1, "end": 2}],
                 "repeatTask": {"id": "t{0}", "commandLine": "r"}}""";
        assertLine(error(withId), job(withId), "\"id\": \"t{0}\"");
        String huge = """
                {"type": "parametricSweep",
                 "parameterSets": [{"start": 1, "end": 1000}, {"start": 1, "end": 1000}],
                 "repeatTask": {"commandLine": "r {0} {1}"}}""";
        e = error(huge);
        assertLine(e, job(huge), "\"parameterSets\"");
        assertTrue(e.getMessage().contains("1000000 tasks, more than the 100000"), e.getMessage());
    }

    @Test
    void collectionMistakesNameTheirLine() {
        String noId = """
                {"type": "taskCollection", "tasks": [
                  {"id": "a", "commandLine": "x"},
                  {"commandLine": "no id here"}
                ]}""";
        TemplateException e = error(noId);
        assertLine(e, job(noId), "no id here");
        assertTrue(e.getMessage().contains("has no \"id\""), e.getMessage());
        String twice = """
                {"type": "taskCollection", "tasks": [
                  {"id": "a", "commandLine": "x"},
                  {"id": "a", "commandLine": "again"}
                ]}""";
        assertLine(error(twice), job(twice), "again");
        String unknown = """
                {"type": "parametricSweeps", "parameterSets": []}""";
        e = error(unknown);
        assertLine(e, job(unknown), "parametricSweeps");
        assertTrue(e.getMessage().contains("use taskCollection, parametricSweep or taskPerFile"), e.getMessage());
    }

    @Test
    void aJobWithoutAFactoryHasNoTasksAndSaysSo() {
        String text = "{\n \"job\": {\"id\": \"j\", \"poolInfo\": {\"poolId\": \"p\"}}\n}";
        TemplateException e = assertThrows(TemplateException.class,
                () -> JobTemplates.expand(Template.parse(text, "job.json"), ParameterValues.none(), FileGroupFiles.none()));
        assertTrue(e.getMessage().startsWith("job.json:2: the job has no \"taskFactory\""), e.getMessage());
    }
}

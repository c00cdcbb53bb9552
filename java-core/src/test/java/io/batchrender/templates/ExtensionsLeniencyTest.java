package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the Batch CLI extensions accept in Batch Explorer's templates and parameters files, and
 * what they refuse ({@code azext/batch/_template_utils.py}, {@code _file_utils.py}), on Batch
 * Explorer's own files (test resources {@code batch-explorer-data/}, MIT); expected values are
 * written from reading those files.
 */
class ExtensionsLeniencyTest {

    private static Path be(String relative) throws URISyntaxException {
        return Path.of(ExtensionsLeniencyTest.class.getResource("/batch-explorer-data/" + relative).toURI());
    }

    @Test
    void aJobDrivenByItsJobManagerTaskExpandsWithNoTasks() throws Exception {
        Template t = Template.read(be("blender/render-linux-dr/job.template.json"));
        ExpandedJob job = JobTemplates.expand(t, ParameterValues.fromArgs(List.of("inputData=shot010",
                "inputDataSas=https://acct.blob.core.windows.net/fgrp-shot010?sig=x", "blendFile=shot010.blend",
                "outputs=shot010-tiles", "outputSas=https://acct.blob.core.windows.net/fgrp-shot010-tiles?sig=y")),
                FileGroupFiles.none());
        assertEquals(0, job.taskCount());
        JsonObject manager = job.job().getAsJsonObject("jobManagerTask");
        assertEquals("_manager", manager.get("id").getAsString());
        assertEquals("/bin/bash -c 'env;python $AZ_BATCH_TASK_WORKING_DIR/scripts/python-frame-splitter.py'",
                manager.get("commandLine").getAsString());
        assertEquals("blender-tile", job.id());
    }

    @Test
    void aJobWithNeitherTaskFactoryNorJobManagerIsStillRefused() {
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(Template.parse(
                "{\"job\": {\"id\": \"j\", \"poolInfo\": {\"poolId\": \"p\"}}}", "job.json"), ParameterValues.none(),
                FileGroupFiles.none()));
        assertTrue(e.getMessage().startsWith("job.json:1: the job has no \"taskFactory\" and no \"jobManagerTask\""),
                e.getMessage());
    }

    @Test
    void anUnknownFieldInAParameterDefinitionIsIgnoredWithANote() throws Exception {
        Path file = be("maya/render-arnold-linux-container/job.template.json");
        Template t = Template.read(file);
        TemplateParameter image = t.parameter("containerImage").orElseThrow();
        assertEquals("Rendering ContainerImage to render the job with", image.description());
        List<String> notes = t.notes(ParameterValues.none());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith(file + ":19: parameter 'containerImage': field \"additionalProperties\""),
                notes.get(0));
        assertTrue(notes.get(0).endsWith(": ignored"), notes.get(0));
    }

    @Test
    void aParametersFileValueTheTemplateDoesNotDeclareIsIgnoredWithAWarning() throws Exception {
        Path params = be("3dsmax/standard/job.parameters.json");
        Template t = Template.read(be("3dsmax/standard/job.template.json"));
        ParameterValues values = ParameterValues.fromFile(params);
        List<String> warnings = t.notes(values);
        // the file sets "frameStep" (line 35); the template has frameStart and frameEnd only
        assertEquals(List.of("warning: " + params + ":35: " + t.file() + " has no parameter 'frameStep' (did you mean"
                + " 'frameStart'?): its value is ignored"), warnings);
        ExpandedJob job = JobTemplates.expand(t, values, FileGroupFiles.none());
        assertEquals("myarnoldjob", job.id());
        assertEquals("mypool", job.job().getAsJsonObject("poolInfo").get("poolId").getAsString());
        assertEquals(1, job.taskCount(), "frames 1 to 1");
    }

    @Test
    void anUndeclaredParameterOnTheCommandLineStaysAnError() throws Exception {
        Template t = Template.read(be("3dsmax/standard/job.template.json"));
        TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(t,
                ParameterValues.fromFile(be("3dsmax/standard/job.parameters.json"))
                        .overriddenBy(ParameterValues.fromArgs(List.of("frameEnds=3"))), FileGroupFiles.none()));
        assertTrue(e.getMessage().contains("unknown parameter 'frameEnds' (from --param frameEnds): did you mean 'frameEnd'?"),
                e.getMessage());
    }

    @Test
    void aResourceFileFromAnHttpUrlWithoutFilePathIsRefusedAtItsLine() {
        for (String key : List.of("httpUrl", "blobSource")) {
            String text = """
                    {"job": {"id": "j", "poolInfo": {"poolId": "p"},
                      "taskFactory": {"type": "taskCollection", "tasks": [
                        {"id": "0", "commandLine": "render.sh",
                         "resourceFiles": [{"%s": "https://example.com/render.sh"}]}]}}}""".formatted(key);
            TemplateException e = assertThrows(TemplateException.class, () -> JobTemplates.expand(
                    Template.parse(text, "job.json"), ParameterValues.none(), FileGroupFiles.none()));
            assertEquals("job.json:4: a resource file from \"" + key + "\" needs a \"filePath\": the file's path on the node,"
                    + " relative to the task's working folder", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aCountWrittenAsTextIsSentAsANumber() {
        String text = """
                {"pool": {"id": "p", "vmSize": "standard_d2s_v5", "targetDedicatedNodes": "2",
                  "taskSlotsPerNode": "4", "displayName": "2"}}""";
        JsonObject pool = PoolTemplates.expand(Template.parse(text, "pool.json"), ParameterValues.none()).pool();
        assertTrue(pool.get("targetDedicatedNodes").getAsJsonPrimitive().isNumber());
        assertEquals(2, pool.get("targetDedicatedNodes").getAsInt());
        assertEquals(4, pool.get("taskSlotsPerNode").getAsInt());
        assertTrue(pool.get("taskSlotsPerNode").getAsJsonPrimitive().isNumber());
        assertTrue(pool.get("displayName").getAsJsonPrimitive().isString(), "a text field stays text");
    }

    /** A task whose one resource file is {@code resourceFile}, expanded with {@code blobs} in file group "data". */
    private static JsonObject onlyResourceFile(String resourceFile, List<String> blobs) {
        String text = """
                {"job": {"id": "j", "poolInfo": {"poolId": "p"},
                  "taskFactory": {"type": "taskCollection", "tasks": [
                    {"id": "0", "commandLine": "render.sh", "resourceFiles": [%s]}]}}}""".formatted(resourceFile);
        FileGroupFiles files = (container, prefix) -> {
            assertEquals("fgrp-data", container);
            return blobs.stream().filter(b -> b.startsWith(prefix)).sorted()
                    .map(b -> new SourceFile(b, "https://blob.fgrp-data/" + b)).toList();
        };
        ExpandedJob job = JobTemplates.expand(Template.parse(text, "job.json"), ParameterValues.none(), files);
        return job.task(0).getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
    }

    @Test
    void aFileGroupPrefixNamingExactlyOneFileGoesToFilePathItself() {
        // the cases of the extensions' test_batch_extensions_resolve_resource_file (tests/test_extensions.py)
        JsonObject single = onlyResourceFile(
                "{\"source\": {\"fileGroup\": \"data\", \"prefix\": \"data1.txt\"}, \"filePath\": \"localFile\"}",
                List.of("data1.txt"));
        assertEquals(com.google.gson.JsonParser.parseString(
                "{\"httpUrl\": \"https://blob.fgrp-data/data1.txt\", \"filePath\": \"localFile\"}"), single);

        JsonObject ownName = onlyResourceFile("{\"source\": {\"fileGroup\": \"data\", \"prefix\": \"data1.txt\"}}",
                List.of("data1.txt", "data2.txt"));
        assertEquals("data1.txt", ownName.get("filePath").getAsString(), "no filePath: the file's own name");
        assertEquals("https://blob.fgrp-data/data1.txt", ownName.get("httpUrl").getAsString());

        // prefix "data1" of data1.txt: a folder ("localFile/data1.txt" there; Batch puts it at the same path)
        JsonObject folder = onlyResourceFile(
                "{\"source\": {\"fileGroup\": \"data\", \"prefix\": \"data1\"}, \"filePath\": \"localFile\"}",
                List.of("data1.txt"));
        assertEquals(com.google.gson.JsonParser.parseString("{\"autoStorageContainerName\": \"fgrp-data\","
                + " \"blobPrefix\": \"data1\", \"filePath\": \"localFile\"}"), folder);

        JsonObject two = onlyResourceFile(
                "{\"source\": {\"fileGroup\": \"data\", \"prefix\": \"data1.txt\"}, \"filePath\": \"localFile\"}",
                List.of("data1.txt", "data1.txt.bak"));
        assertEquals("fgrp-data", two.get("autoStorageContainerName").getAsString(), "two files under the prefix: a folder");
    }
}

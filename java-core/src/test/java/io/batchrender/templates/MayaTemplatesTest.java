package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Batch Explorer's Maya/Arnold templates (../shared/azure-batch/ncj-templates-historical/maya),
 * expanded with chosen parameters; every expected value is written from reading the template.
 */
class MayaTemplatesTest {

    static final String SAS = "https://renderstore.blob.core.windows.net/fgrp-shot010?sv=2019-02-02&sr=c&sp=rl&sig=abc%2Fdef";

    static final List<String> SHOT010 = List.of(
            "poolId=maya-pool",
            "jobName=shot010-lighting",
            "mayaVersion=Maya2017",
            "inputData=shot010",
            "inputDataSas=" + SAS,
            "sceneFile=scenes/shot010.ma",
            "additionalFlags=-cam shotCam",
            "jobPriority=50",
            "frameStart=5",
            "frameEnd=9",
            "outputs=shot010-renders");

    @Test
    void linuxJobReadsItsParametersAndDescription() {
        Template t = Template.read(SharedTemplates.maya("render-arnold-linux/job.template.json"));
        assertTrue(t.isJob());
        assertFalse(t.isPool());
        assertEquals(Optional.of("Application template for working with Maya and Arnold on CentOS."), t.description());
        assertEquals(List.of("poolId", "jobName", "mayaVersion", "inputData", "inputDataSas", "sceneFile", "additionalFlags",
                        "jobPriority", "frameStart", "frameEnd", "outputs"),
                t.parameters().stream().map(TemplateParameter::name).toList());
        TemplateParameter version = t.parameter("mayaVersion").orElseThrow();
        assertEquals("string", version.type());
        assertEquals("Maya2018", version.defaultValue().orElseThrow().getAsString());
        assertEquals(List.of("Maya2017", "Maya2018"), version.allowedValues().stream().map(JsonElement::getAsString).toList());
        assertEquals("The renderer to use", version.description());
        TemplateParameter sas = t.parameter("inputDataSas").orElseThrow();
        assertTrue(sas.required());
        assertEquals(Map.of("advancedType", "file-group-sas", "dependsOn", "inputData"), sas.metadata());
        TemplateParameter priority = t.parameter("jobPriority").orElseThrow();
        assertEquals("int", priority.type());
        assertEquals(0, priority.defaultValue().orElseThrow().getAsInt());
    }

    @Test
    void linuxJobExpandsIntoTheJobAndOneTaskPerFrame() {
        ExpandedJob expanded = JobTemplates.expand(Template.read(SharedTemplates.maya("render-arnold-linux/job.template.json")),
                ParameterValues.fromArgs(SHOT010), FileGroupFiles.none());
        JsonObject job = expanded.job();
        assertEquals("shot010-lighting", expanded.id());
        assertTrue(job.get("priority").getAsJsonPrimitive().isNumber(), "priority stays a number: " + job.get("priority"));
        assertEquals(50, job.get("priority").getAsInt());
        assertEquals("maya-pool", job.getAsJsonObject("poolInfo").get("poolId").getAsString());
        assertEquals("terminateJob", job.get("onAllTasksComplete").getAsString());
        assertFalse(job.has("taskFactory"));
        assertFalse(job.has("type"));
        assertFalse(job.has("properties"));
        assertFalse(job.has("usesTaskDependencies"));
        JsonObject prep = job.getAsJsonObject("jobPreparationTask");
        assertEquals("/bin/bash -c 'azcopy --source \"" + SAS + "\" --destination \"$AZ_BATCH_JOB_PREP_WORKING_DIR\" --recursive'",
                prep.get("commandLine").getAsString());
        assertEquals(JsonParser.parseString("{\"autoUser\": {\"scope\": \"pool\", \"elevationLevel\": \"admin\"}}"),
                prep.get("userIdentity"));
        assertEquals("/bin/bash -c \"sudo rm -rfv $AZ_BATCH_JOB_PREP_WORKING_DIR/*\"",
                job.getAsJsonObject("jobReleaseTask").get("commandLine").getAsString());

        List<JsonObject> tasks = expanded.tasks();
        assertEquals(5, tasks.size(), "frames 5 to 9, step 1");
        for (int i = 0; i < 5; i++) {
            int frame = 5 + i;
            JsonObject task = tasks.get(i);
            assertEquals(Integer.toString(i), task.get("id").getAsString());
            assertEquals("Frame " + frame, task.get("displayName").getAsString());
            assertEquals("mkdir \"$AZ_BATCH_TASK_WORKING_DIR/thumbs\";sudo mkdir -m a=rwx -p \"/X\";"
                            + "sudo mount --rbind $AZ_BATCH_JOB_PREP_WORKING_DIR /X;export maya_version=Maya2017.sh;"
                            + "export maya_version=${maya_version,,};$maya_version -r arnold -ai:lve 1 -cam shotCam"
                            + " -proj \"$AZ_BATCH_JOB_PREP_WORKING_DIR\" -rd \"$AZ_BATCH_TASK_WORKING_DIR/images\""
                            + " -s " + frame + " -e " + frame + " \"/X/scenes/shot010.ma\";err=$?;sudo umount \"/X\";exit $err",
                    task.get("commandLine").getAsString());
            assertEquals(JsonParser.parseString("[{\"name\": \"MAYA_SCRIPT_PATH\", \"value\": \"%AZ_BATCH_JOB_PREP_WORKING_DIR%/scripts\"},"
                    + " {\"name\": \"FLEXLM_TIMEOUT\", \"value\": \"5000000\"}]"), task.get("environmentSettings"));
            JsonArray outputs = task.getAsJsonArray("outputFiles");
            assertEquals(List.of("../stdout.txt", "../stderr.txt", "images/**/*", "thumbs/**/*"),
                    strings(outputs, o -> o.get("filePattern")));
            assertEquals(List.of("shot010-lighting/logs/frame_" + frame + ".log", "shot010-lighting/logs/frame_" + frame + "_error.log",
                            "shot010-lighting/images", "shot010-lighting/thumbs"),
                    strings(outputs, o -> o.getAsJsonObject("destination").getAsJsonObject("autoStorage").get("path")));
            assertEquals(List.of("shot010-renders", "shot010-renders", "shot010-renders", "shot010-renders"),
                    strings(outputs, o -> o.getAsJsonObject("destination").getAsJsonObject("autoStorage").get("fileGroup")));
            assertEquals(List.of("taskCompletion", "taskCompletion", "taskSuccess", "taskSuccess"),
                    strings(outputs, o -> o.getAsJsonObject("uploadOptions").get("uploadCondition")));
        }
    }

    @Test
    void windowsJobLooksUpTheMayaExecutableInItsVariables() {
        ExpandedJob expanded = JobTemplates.expand(Template.read(SharedTemplates.maya("render-arnold-windows/job.template.json")),
                ParameterValues.fromArgs(SHOT010), FileGroupFiles.none());
        assertEquals("cmd.exe /c set & echo --- & azcopy /source:\"" + SAS + "\" /dest:\"%AZ_BATCH_JOB_PREP_WORKING_DIR%\" /S /Y"
                        + " /V:\"%AZ_BATCH_JOB_PREP_WORKING_DIR%\\azcopy.log\" || exit /b %errorlevel%",
                expanded.job().getAsJsonObject("jobPreparationTask").get("commandLine").getAsString());
        List<JsonObject> tasks = expanded.tasks();
        assertEquals(5, tasks.size());
        assertEquals("mkdir \"%AZ_BATCH_TASK_WORKING_DIR%\\thumbs\" & subst X: %AZ_BATCH_JOB_PREP_WORKING_DIR% && cmd.exe /v /c"
                        + " \"%MAYA_2017_EXEC% -renderer arnold -ai:lve 2 -cam shotCam -proj \"%AZ_BATCH_JOB_PREP_WORKING_DIR%\""
                        + " -rd \"%AZ_BATCH_TASK_WORKING_DIR%\\images\" -s 7 -e 7 \"X:\\scenes/shot010.ma\"\" & subst X: /D",
                tasks.get(2).get("commandLine").getAsString());
        assertEquals("Frame 9", tasks.get(4).get("displayName").getAsString());
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        ExpandedJob expanded = JobTemplates.expand(Template.read(SharedTemplates.maya("render-arnold-linux/job.template.json")),
                ParameterValues.fromArgs(List.of("inputData=shot010", "inputDataSas=" + SAS, "sceneFile=a.ma", "outputs=out")),
                FileGroupFiles.none());
        assertEquals("maya-arnold-centos", expanded.id());
        assertEquals(0, expanded.job().get("priority").getAsInt());
        assertEquals("maya-arnold-pool-centos", expanded.job().getAsJsonObject("poolInfo").get("poolId").getAsString());
        assertEquals(1, expanded.tasks().size(), "frameStart and frameEnd both default to 1");
        String cmd = expanded.tasks().get(0).get("commandLine").getAsString();
        assertTrue(cmd.contains("export maya_version=Maya2018.sh;"), cmd);
        assertTrue(cmd.contains("-ai:lve 1   -proj"), "additionalFlags defaults to one space: " + cmd);
        assertTrue(cmd.contains("-s 1 -e 1 \"/X/a.ma\""), cmd);
    }

    @Test
    void linuxPoolTakesItsImageFromAVariableAndKeepsNumbersNumbers() {
        ExpandedPool expanded = PoolTemplates.expand(Template.read(SharedTemplates.maya("render-arnold-linux/pool.template.json")),
                ParameterValues.fromArgs(List.of("dedicatedVmCount=3", "lowPriorityVmCount=7", "nodeSize=Standard_E8_v3")));
        JsonObject pool = expanded.pool();
        assertEquals("maya-arnold-pool-centos", expanded.id());
        assertEquals("Maya Arnold rendering pool for CentOS", pool.get("displayName").getAsString());
        assertEquals("Standard_E8_v3", pool.get("vmSize").getAsString());
        assertEquals(JsonParser.parseString("{\"imageReference\": {\"publisher\": \"batch\", \"offer\": \"rendering-centos73\","
                        + " \"sku\": \"rendering\", \"version\": \"1.1.3\"}, \"nodeAgentSKUId\": \"batch.node.centos 7\"}"),
                pool.get("virtualMachineConfiguration"));
        assertTrue(pool.get("targetDedicatedNodes").getAsJsonPrimitive().isNumber());
        assertEquals(3, pool.get("targetDedicatedNodes").getAsInt());
        assertEquals(7, pool.get("targetLowPriorityNodes").getAsInt());
        assertFalse(pool.get("enableAutoScale").getAsBoolean());
        assertEquals(JsonParser.parseString("[\"maya\", \"arnold\"]"), pool.get("applicationLicenses"));
    }

    @Test
    void windowsPoolStartTaskGetsTheNodeSizeAndAnHttpUrl() {
        ExpandedPool expanded = PoolTemplates.expand(Template.read(SharedTemplates.maya("render-arnold-windows/pool.template.json")),
                ParameterValues.fromArgs(List.of("nodeSize=Standard_NC6", "poolName=gpu-pool")));
        JsonObject start = expanded.pool().getAsJsonObject("startTask");
        assertEquals("gpu-pool", expanded.id());
        assertEquals("cmd.exe /c install-azure-nc-drivers.cmd Standard_NC6", start.get("commandLine").getAsString());
        assertTrue(start.get("waitForSuccess").getAsBoolean());
        assertEquals(0, start.get("maxTaskRetryCount").getAsInt());
        JsonObject file = start.getAsJsonArray("resourceFiles").get(0).getAsJsonObject();
        assertEquals("https://raw.githubusercontent.com/Azure/BatchExplorer-data/master/ncj/3dsmax/scripts/install-azure-nc-drivers.cmd",
                file.get("httpUrl").getAsString(), "the retired blobSource is Batch's httpUrl today");
        assertFalse(file.has("blobSource"));
        assertEquals("install-azure-nc-drivers.cmd", file.get("filePath").getAsString());
    }

    @Test
    void aJobTemplateIsNotAPool() {
        Path job = SharedTemplates.maya("render-arnold-linux/job.template.json");
        TemplateException e = assertThrows(TemplateException.class,
                () -> PoolTemplates.expand(Template.read(job), ParameterValues.none()));
        assertTrue(e.getMessage().startsWith(job + ":" + SharedTemplates.lineOf(job, "\"job\": {") + ": this is a job template"),
                e.getMessage());
    }

    private static List<String> strings(JsonArray array, java.util.function.Function<JsonObject, JsonElement> pick) {
        return array.asList().stream().map(e -> pick.apply(e.getAsJsonObject()).getAsString()).collect(Collectors.toList());
    }
}

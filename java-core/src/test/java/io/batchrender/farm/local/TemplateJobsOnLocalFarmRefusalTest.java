package io.batchrender.farm.local;

import io.batchrender.farm.TaskFailure;
import io.batchrender.farm.Submitted;
import static io.batchrender.farm.local.TemplateJobFixture.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.FarmException;
import io.batchrender.render.RenderSetupException;
import io.batchrender.farm.TaskInfo;
import io.batchrender.templates.ExpandedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the local farm refuses in a template job, and what it accepts but reports. */
class TemplateJobsOnLocalFarmRefusalTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no command line | {\"id\": \"a\"} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | has no commandLine",
        "blank command line | {\"id\": \"a\", \"commandLine\": \"  \"} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | has no commandLine",
        "duplicate id | {\"id\": \"a\", \"commandLine\": \"/bin/true\"} | {\"id\": \"A\", \"commandLine\": \"/bin/true\"} | Two tasks have the id",
        "unknown dependency | {\"id\": \"a\", \"commandLine\": \"/bin/true\"} | {\"id\": \"b\", \"commandLine\": \"/bin/true\", \"dependsOn\": {\"taskIds\": [\"c\"]}} | depends on task 'c'",
        "range beyond the tasks | {\"id\": \"0\", \"commandLine\": \"/bin/true\"} | {\"id\": \"merge\", \"commandLine\": \"/bin/true\", \"dependsOn\": {\"taskIdRanges\": [{\"start\": 0, \"end\": 1}]}} | depends on task '1'",
        "circle | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"dependsOn\": {\"taskIds\": [\"b\"]}} | {\"id\": \"b\", \"commandLine\": \"/bin/true\", \"dependsOn\": {\"taskIds\": [\"a\"]}} | in a circle",
        "resource path climbing out | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"resourceFiles\": [{\"httpUrl\": \"file:/etc/hostname\", \"filePath\": \"../../x\"}]} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | is refused",
        "absolute resource path | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"resourceFiles\": [{\"autoStorageContainerName\": \"fgrp-x\", \"filePath\": \"/etc\"}]} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | is refused",
        "bad duration | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"constraints\": {\"maxWallClockTime\": \"2 hours\"}} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | ISO-8601",
        "two sources | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"resourceFiles\": [{\"httpUrl\": \"file:/x\", \"autoStorageContainerName\": \"fgrp-x\", \"filePath\": \"x\"}]} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | exactly one",
        "URL into a folder | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"resourceFiles\": [{\"httpUrl\": \"file:/etc/hostname\", \"filePath\": \"conf/\"}]} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | needs a filePath naming the file",
        "wrong type | {\"id\": \"a\", \"commandLine\": \"/bin/true\", \"constraints\": {\"maxTaskRetryCount\": \"many\"}} | {\"id\": \"b\", \"commandLine\": \"/bin/true\"} | malformed",
    })
    void aMalformedJobIsRefusedInOneLineAndNothingIsStored(String what, String first, String second, String expected) {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            RenderSetupException e = assertThrows(RenderSetupException.class,
                    () -> f.submit(job("{\"id\": \"bad\"}", first, second)));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
            assertEquals(List.of(), f.farm.farm.jobs(), "nothing stored");
        }
    }

    @Test
    void aTakenJobIdIsBatchsJobExistsAndAnInvalidOneIsReplaced() {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            ExpandedJob one = job("{\"id\": \"Shot-010\"}", "{\"id\": \"0\", \"commandLine\": \"/bin/true\"}");
            assertEquals("Shot-010", f.submit(one).job().id());
            FarmException e = assertThrows(FarmException.class, () -> f.submit(
                    job("{\"id\": \"shot-010\"}", "{\"id\": \"0\", \"commandLine\": \"/bin/true\"}")));
            assertTrue(e.getMessage().startsWith("JobExists: a job 'Shot-010'"), e.getMessage());
            assertEquals(1, f.farm.farm.jobs().size());

            Submitted renamed = f.submit(
                    job("{\"id\": \"shot 010!\"}", "{\"id\": \"0\", \"commandLine\": \"/bin/true\"}"));
            assertTrue(renamed.job().id().matches("[a-z0-9-]+"), renamed.job().id());
            assertTrue(renamed.notes().stream().anyMatch(l -> l.contains("'shot 010!' is not a valid Batch id")));
            f.farm.awaitCompleted(renamed.job().id(), Duration.ofSeconds(60));
        }
    }

    @Test
    void azureOnlyPropertiesAreReportedAndAWindowsOnlyJobIsAcceptedWithAWarning() {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            String task = """
                    {"id": "%s", "commandLine": "cmd /c mayabatch.exe -render scene.mb",
                     "userIdentity": {"autoUser": {"scope": "task", "elevationLevel": "admin"}},
                     "containerSettings": {"imageName": "mcr.microsoft.com/render:1"},
                     "applicationPackageReferences": [{"applicationId": "maya"}],
                     "requiredSlots": 2, "multiInstanceSettings": {"numberOfInstances": 2},
                     "affinityInfo": {"affinityId": "node-1"}}""";
            Submitted sub = f.submit(job("""
                    {"id": "windows-job", "poolInfo": {"poolId": "maya-pool"}, "jobManagerTask": {"id": "m", "commandLine": "x"}}""",
                    task.formatted("0"), task.formatted("1")));
            List<String> lines = sub.notes();
            for (String expected : List.of("poolInfo.poolId 'maya-pool'", "userIdentity (elevationLevel admin) on tasks 0, 1",
                    "containerSettings (image mcr.microsoft.com/render:1) on tasks 0, 1", "applicationPackageReferences on tasks 0, 1",
                    "requiredSlots on tasks 0, 1", "multiInstanceSettings on tasks 0, 1", "affinityInfo on tasks 0, 1",
                    "jobManagerTask: the job manager task is not run", "no task can run on this workstation")) {
                assertTrue(lines.stream().anyMatch(l -> l.contains(expected)), expected + " in " + lines);
            }
            f.farm.awaitCompleted("windows-job", Duration.ofSeconds(60));
            TaskInfo t = f.farm.task("windows-job", "0");
            assertEquals(TaskFailure.RENDERER_NOT_FOUND, t.failure().orElseThrow().code());
            assertTrue(t.failure().orElseThrow().message().contains("Windows program"), t.failure().toString());
        }
    }

    @Test
    void aCommandLineWrittenForAShellRunsInBashAsTheExtensionsWrapIt() {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            // Batch Explorer's Linux templates write their tasks like this; the extensions submit them as
            // /bin/bash -c 'set -e; set -o pipefail; LINE; wait' (_template_utils.py _add_cmd_prefix)
            Submitted sub = f.submit(job("{\"id\": \"shell-syntax\"}",
                    "{\"id\": \"0\", \"commandLine\": \"mkdir \\\"$AZ_BATCH_TASK_WORKING_DIR/thumbs\\\";test -d thumbs && echo done\"}",
                    "{\"id\": \"1\", \"commandLine\": \"false; true\"}",
                    "{\"id\": \"2\", \"commandLine\": \"/bin/sh -c 'echo $HOME; true'\"}"));
            assertTrue(sub.notes().stream().noneMatch(l -> l.contains("shell syntax")), sub.notes().toString());
            f.farm.awaitCompleted("shell-syntax", Duration.ofSeconds(60));
            assertTrue(f.farm.task("shell-syntax", "0").failure().isEmpty(), f.farm.task("shell-syntax", "0").toString());
            // set -e: the first command that fails ends the line with its exit code
            assertEquals(Optional.of(1), f.farm.task("shell-syntax", "1").exitCode(), f.farm.task("shell-syntax", "1").toString());
            assertTrue(f.farm.task("shell-syntax", "2").failure().isEmpty(), "a line that starts with a shell runs as written");
        }
    }

    @Test
    void aJobDrivenByItsJobManagerTaskAloneIsRefusedHere() {
        try (TemplateJobFixture f = new TemplateJobFixture(tmp)) {
            ExpandedJob managed = new ExpandedJob(com.google.gson.JsonParser.parseString("""
                    {"id": "tiles", "jobManagerTask": {"id": "_manager", "commandLine": "python split.py"}}""")
                    .getAsJsonObject(), List.of());
            FarmException e = assertThrows(FarmException.class, () -> f.submit(managed));
            assertEquals("Job tiles has only a job manager task, which adds its tasks through the Batch API: the local farm"
                    + " does not run job manager tasks; submit it with --farm azure.", e.getMessage());
            assertEquals(List.of(), f.farm.farm.jobs(), "nothing stored");
        }
    }
}

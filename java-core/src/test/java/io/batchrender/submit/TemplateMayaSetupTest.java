package io.batchrender.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.render.CommandLineSplitter;
import io.batchrender.render.TestScenes;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.FileGroupFiles;
import io.batchrender.templates.JobTemplates;
import io.batchrender.templates.ParameterValues;
import io.batchrender.templates.Template;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Linux Maya templates load the path map an asset project carries: their command
 * line, run by a real shell as a Batch node runs it, starts Render with the project's script
 * folder first on MAYA_SCRIPT_PATH and the node's own entries after it.
 */
class TemplateMayaSetupTest {

    @TempDir
    Path tmp;

    @Test
    void theLinuxMayaTemplatesPutTheProjectsScriptFolderFirstOnMayaScriptPath() throws Exception {
        Path render = tmp.resolve("Render");
        Files.writeString(render, "#!/bin/sh\nprintf '%s\\n' \"$MAYA_SCRIPT_PATH\" \"$@\"\n");
        Files.setPosixFilePermissions(render, PosixFilePermissions.fromString("rwx------"));
        for (String renderer : List.of("arnold", "software", "vray")) {
            Path file = TestScenes.repoRoot().resolve("templates/maya-" + renderer + "-linux/job.template.json");
            List<String> params = new ArrayList<>(List.of("inputData=shot", "sceneFile=D/shots/sh 010/robot.ma", "outputs=out",
                    "mayaVersion=2024"));
            if (renderer.equals("vray")) {
                params.add("vrayLicenseServer=licset://lic.studio.lan:30304");
            }
            ExpandedJob job = JobTemplates.expand(Template.parse(Files.readString(file), file.toString()),
                    ParameterValues.fromArgs(params), FileGroupFiles.none());
            String line = job.task(0).get("commandLine").getAsString();
            assertTrue(line.contains("\"/usr/autodesk/maya2024/bin/Render\""), line);
            List<String> argv = CommandLineSplitter.split(line.replace("/usr/autodesk/maya2024/bin/Render", render.toString()));
            for (String site : new String[] {"/opt/studio/scripts", null}) {
                ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
                pb.environment().put("AZ_BATCH_JOB_PREP_WORKING_DIR", "/mnt/prep/wd");
                pb.environment().put("AZ_BATCH_TASK_WORKING_DIR", "/mnt/task/wd");
                if (site == null) {
                    pb.environment().remove("MAYA_SCRIPT_PATH");
                } else {
                    pb.environment().put("MAYA_SCRIPT_PATH", site);
                }
                Process p = pb.start();
                List<String> out = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
                assertEquals(0, p.waitFor(), renderer + ": " + out);
                assertEquals("/mnt/prep/wd/assets/" + TemplateMayaSetup.FOLDER + (site == null ? "" : ":" + site), out.get(0),
                        renderer + ": the project's script folder first, the node's own entries kept");
                assertEquals("/mnt/prep/wd/assets/D/shots/sh 010/robot.ma", out.get(out.size() - 1), renderer);
            }
        }
    }

    @Test
    void theScriptMapsOntoTheTemplatesAssetFolderAndSkipsItselfWhenChaining() {
        String mel = TemplateMayaSetup.script(List.of(new io.batchrender.render.pathmap.PathRule("D:/shots/sh010", "D/shots/sh010")));
        assertTrue(mel.contains("string $batchrenderAssets = (getenv(\"AZ_BATCH_JOB_PREP_WORKING_DIR\") + \"/assets\");\n"), mel);
        assertTrue(mel.contains("dirmap -m \"D:/shots/sh010\" ($batchrenderAssets + \"/D/shots/sh010\");\n"), mel);
        assertTrue(mel.contains("dirmap -m \"D:\\\\shots\\\\sh010\" ($batchrenderAssets + \"/D/shots/sh010\");\n"), mel);
        assertTrue(mel.contains("string $batchrenderOwn = (getenv(\"AZ_BATCH_JOB_PREP_WORKING_DIR\") + \"/assets/batchrender-maya\");\n"),
                mel);
    }
}

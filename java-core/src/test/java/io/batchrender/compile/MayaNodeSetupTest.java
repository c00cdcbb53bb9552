package io.batchrender.compile;

import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.job.Job;
import io.batchrender.render.CommandLineSplitter;
import io.batchrender.render.RenderOptions;
import io.batchrender.render.TestScenes;
import io.batchrender.render.pathmap.PathMap;
import io.batchrender.render.pathmap.PathRule;
import io.batchrender.storage.BlobNames;

import io.batchrender.compile.SubmitRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command line a Maya task runs on a node when the job has a path map. */
class MayaNodeSetupTest {

    @Test
    void renderRunsWithTheScriptFolderFirstOnMayaScriptPathTheSceneBlobAndTheProjectOnTheNode() {
        Path scene = TestScenes.mayaAscii();
        Path project = scene.getParent().getParent();
        Job spec = SceneCompiler.compile(new SubmitRequest(Optional.of(RenderOptions.forScene(scene).withProject(Optional.of(project))),
                Optional.empty(), Optional.empty(), "1-2", 2, Optional.empty(), Optional.empty(), 0, Optional.empty()));
        List<PathRule> rules = PathMap.rules(List.of(scene.toString(), project.resolve("workspace.mel").toString()),
                BlobNames::forLocalPath);
        BatchNodeCompiler.Target s = new BatchNodeCompiler.Target("j", Optional.of(new io.batchrender.job.ResourceFile(
                Optional.empty(), Optional.of("http://x/c?sig"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())),
                Optional.of(BlobNames.forLocalPath(scene.toString())), rules, Optional.empty(), java.util.Map.of(), java.util.Map.of());
        Job onNodes = BatchNodeCompiler.compile(spec, s);

        List<String> words = CommandLineSplitter.split(((io.batchrender.job.Command.Line) onNodes.tasks().get(0).command()).text());

        assertEquals(List.of("/bin/sh", "-c"), words.subList(0, 2));
        assertEquals("2", words.get(6), "two frames, two images expected");
        assertEquals(List.of("/bin/sh", "-c", MayaNodeSetup.LAUNCHER, "batchrender-maya", "Render"), words.subList(7, 12));
        List<String> render = words.subList(12, words.size());
        assertEquals(NodeCommandLine.ASSETS_DIR + "/" + BlobNames.forLocalPath(scene.toString()), render.get(render.size() - 1));
        int proj = render.indexOf("-proj");
        assertEquals(NodeCommandLine.ASSETS_DIR + "/" + BlobNames.forLocalPath(project.toString()), render.get(proj + 1));
        assertTrue(render.containsAll(List.of("-s", "1", "-e", "2", "-rd", io.batchrender.job.Command.OUTPUT_DIR)), render.toString());
        assertTrue(((io.batchrender.job.Command.Line) onNodes.preparationTask().orElseThrow().command()).text()
                .contains("batchrender-maya/userSetup.mel"));
    }

    @Test
    void aProjectTheMapDoesNotKnowIsLeftOutRatherThanPointingAtTheArtistsDisk() {
        List<String> args = MayaNodeSetup.mapProject(List.of("-s", "1", "-proj", "C:/elsewhere/proj", "scene.ma"),
                List.of(new PathRule("C:/shots/sh010", "C/shots/sh010")));
        assertEquals(List.of("-s", "1", "scene.ma"), args);
        assertEquals(List.of("-proj", NodeCommandLine.ASSETS_DIR + "/C/shots/sh010"),
                MayaNodeSetup.mapProject(List.of("-proj", "c:\\shots\\sh010\\"), List.of(new PathRule("C:/shots/sh010", "C/shots/sh010"))));
    }

    @Test
    void theLauncherPutsTheScriptFolderFirstAndKeepsTheNodesOwnEntries() throws Exception {
        for (String site : new String[] {"/opt/site/scripts", ""}) {
            ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", MayaNodeSetup.LAUNCHER, MayaNodeSetup.FOLDER,
                    "/bin/sh", "-c", "printf '%s|%s' \"$MAYA_SCRIPT_PATH\" \"$1\"", "x", "an arg with 'quotes' and $HOME"));
            pb.environment().put("AZ_BATCH_JOB_PREP_WORKING_DIR", "/mnt/batch/tasks/workitems/j/job-1/jobpreparation/wd");
            if (site.isEmpty()) {
                pb.environment().remove("MAYA_SCRIPT_PATH");
            } else {
                pb.environment().put("MAYA_SCRIPT_PATH", site);
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals("/mnt/batch/tasks/workitems/j/job-1/jobpreparation/wd/batchrender-maya" + (site.isEmpty() ? "" : ":" + site)
                    + "|an arg with 'quotes' and $HOME", out);
        }
    }
}

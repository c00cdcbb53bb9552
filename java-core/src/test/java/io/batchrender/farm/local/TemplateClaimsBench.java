package io.batchrender.farm.local;

import io.batchrender.compile.SceneCompiler;
import io.batchrender.compile.SubmitRequest;
import io.batchrender.compile.TemplateCompiler;
import io.batchrender.job.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job database's side of running a template job: N tasks plus a merge task depending on all
 * of them, each claimed and finished as the agent does, against a scene job of N tasks (the
 * baseline) in the same database. Run by {@code bench/template_claims.sh}; not a test.
 */
public final class TemplateClaimsBench {

    private TemplateClaimsBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("template-claims-bench");
        try (JobDatabase db = JobDatabase.open(dir.resolve("farm.db"))) {
            // warm up both paths (JIT, SQLite statement caches) on small jobs first
            sceneJob(db, "warm-scene", 300, dir);
            templateJob(db, "warm-template", 300, dir);
            double scene = sceneJob(db, "scene", n, dir);
            double template = templateJob(db, "template", n, dir);
            System.out.printf("claim+finish of %d tasks: scene job %.0f ms (%.3f ms/task), template job with a merge task"
                    + " %.0f ms (%.3f ms/task), ratio %.2fx%n", n, scene, scene / n, template, template / (n + 1),
                    template / scene);
        } finally {
            OutputStager.deleteTree(dir);
        }
    }

    private static double sceneJob(JobDatabase db, String id, int n, Path dir) {
        var spec = SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("/bin/true")), Optional.empty(),
                "1-" + n, 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));
        db.insert(id, spec, dir, false, System.currentTimeMillis());
        return drain(db, id);
    }

    private static double templateJob(JobDatabase db, String id, int n, Path dir) {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add("{\"id\": \"" + i + "\", \"commandLine\": \"/bin/true\"}");
        }
        tasks.add("{\"id\": \"merge\", \"commandLine\": \"/bin/true\", \"dependsOn\": {\"taskIdRanges\": [{\"start\": 0, \"end\": "
                + (n - 1) + "}]}}");
        Job job = TemplateCompiler.compile(TemplateJobFixture.job("{\"id\": \"" + id + "\"}", tasks.toArray(String[]::new)));
        db.insert(id, job, dir, true, System.currentTimeMillis());
        return drain(db, id);
    }

    /** Claims and finishes every task of the job, one at a time; returns the milliseconds it took. */
    private static double drain(JobDatabase db, String id) {
        long t0 = System.nanoTime();
        while (true) {
            var c = db.claimNext(id, System.currentTimeMillis());
            if (c.isEmpty()) {
                break;
            }
            db.finishAttempt(id, c.get().taskId(), c.get().attempt(), 0, 0, AttemptOutcome.succeeded(0),
                    System.currentTimeMillis());
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}

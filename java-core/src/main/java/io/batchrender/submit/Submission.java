package io.batchrender.submit;

import io.batchrender.farm.JobSpec;
import io.batchrender.frames.FrameSet;
import io.batchrender.render.RenderOptions;
import io.batchrender.render.SceneFiles;
import io.batchrender.scene.SceneManifest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the artist filled in into the job to submit, checking on the way everything that
 * can be checked before a job exists (the scene is there, the frames parse, a Maya scene's files
 * are found). The CLI's {@code submit} and the bridge's submit both go through here.
 */
public final class Submission {

    private Submission() {
    }

    /**
     * The job for {@code form}; its tasks run with {@code env} (the submitter's environment,
     * whichever process starts the agent). Throws the one-line exceptions of {@link JobPlanner}.
     */
    public static JobSpec prepare(SubmitForm form, Path cwd, Map<String, String> env) {
        return prepared(form, cwd, env).spec();
    }

    /**
     * The job and the scene's scan (Maya scenes; empty for others), so a cloud submission uploads
     * exactly the files the check found.
     *
     * @param spec     the job to submit
     * @param manifest what the scan of a Maya scene found
     */
    public record Prepared(JobSpec spec, Optional<SceneManifest> manifest) {
    }

    /** As {@link #prepare}, keeping the scene's scan. */
    public static Prepared prepared(SubmitForm form, Path cwd, Map<String, String> env) {
        Path here = cwd.toAbsolutePath().normalize();
        Optional<Path> scene = form.scene().map(s -> here.resolve(s).normalize());
        Optional<RenderOptions> options = scene.map(s -> RenderOptions.forScene(s)
                .withEngine(form.engine()).withFormat(form.format())
                .withImageName(form.imageName()).withCamera(form.camera())
                .withLayer(form.layer())
                .withProject(form.project().map(p -> here.resolve(p).normalize())));
        scene.ifPresent(SceneFiles::requireExists);
        form.frames().ifPresent(FrameSet::parse); // a typo in the frames is reported before a long scan of the scene
        Optional<SceneManifest> manifest = scene.filter(ScenePreflight::applies)
                .map(s -> ScenePreflight.check(s, form.searchPaths(), here, env, form.allowMissing()));
        String frameSpec = ScenePreflight.frames(form.frames(), manifest);
        if (manifest.isPresent()) {
            // the images each frame makes, so a task that wrote fewer (a layer or camera that failed) is not a success
            int perFrame = Math.max(1, manifest.get().settings().imagesPerFrame(form.layer(), form.camera()));
            options = options.map(o -> o.withImagesPerFrame(perFrame));
        }
        SubmitRequest request = new SubmitRequest(options, form.command(), form.renderer(), frameSpec, form.chunk(),
                form.name(), form.output().map(o -> here.resolve(o).normalize()), form.retries(), form.timeout());
        return new Prepared(JobPlanner.plan(request).withEnvironment(env), manifest);
    }
}

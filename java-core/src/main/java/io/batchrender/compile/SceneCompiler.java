package io.batchrender.compile;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameChunker;
import io.batchrender.frames.FrameSet;
import io.batchrender.job.Command;
import io.batchrender.job.Constraints;
import io.batchrender.job.Job;
import io.batchrender.job.Origin;
import io.batchrender.job.OutputFile;
import io.batchrender.job.Task;
import io.batchrender.render.CommandSweepRenderer;
import io.batchrender.render.RenderOptions;
import io.batchrender.render.RenderSetupException;
import io.batchrender.render.Renderer;
import io.batchrender.render.Renderers;
import io.batchrender.render.SceneFiles;
import io.batchrender.render.TaskCommand;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.SceneManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scene compiler: what the artist filled in (a scene with its options, or a plain command, over
 * frames) into the {@link Job} that renders it on this workstation. It checks on the way everything
 * that can be checked before a job exists (the scene is there, the frames parse, a Maya scene's
 * files are found), picks the renderer and splits the frames into tasks; everything an artist can
 * get wrong fails here, with a one-line reason. {@link BatchNodeCompiler} turns the same job into
 * the one Azure Batch's Linux nodes run.
 *
 * <p>Each task runs the renderer with {@link Command#OUTPUT_DIR} where its images go (a fresh
 * {@value #IMAGES} folder in the task's working folder, on every farm); a success must leave the
 * images its frames make there, and they go to the job's output folder.
 */
public final class SceneCompiler {

    /** The folder in a task's working folder that {@link Command#OUTPUT_DIR} stands for. */
    public static final String IMAGES = "images";

    private SceneCompiler() {
    }

    /**
     * The job for {@code form} and the scene's files (a Maya scene's scan, or the references the host reported for
     * a .blend; empty for a .blend without them), so a cloud submission uploads exactly the files the check found.
     *
     * @param job      the job, for this workstation
     * @param manifest what the scan of a Maya scene, or the host's references, found
     */
    public record Compiled(Job job, Optional<SceneManifest> manifest) {
    }

    /**
     * The job for {@code form}; its tasks run with {@code env} (the submitter's environment, whichever
     * process starts the agent). Throws {@link RenderSetupException} and the scene check's one-line errors.
     */
    public static Compiled compile(SubmitForm form, Path cwd, Map<String, String> env) {
        Path here = cwd.toAbsolutePath().normalize();
        Optional<Path> scene = form.scene().map(s -> here.resolve(s).normalize());
        Optional<RenderOptions> options = scene.map(s -> RenderOptions.forScene(s)
                .withEngine(form.engine()).withFormat(form.format())
                .withImageName(form.imageName()).withCamera(form.camera())
                .withLayer(form.layer())
                .withProject(form.project().map(p -> here.resolve(p).normalize())));
        scene.ifPresent(SceneFiles::requireExists);
        form.frames().ifPresent(FrameSet::parse); // a typo in the frames is reported before a long scan of the scene
        Optional<SceneManifest> manifest = scene.flatMap(s -> ScenePreflight.check(s, form.references(),
                form.searchPaths(), here, env, form.allowMissing()));
        String frameSpec = ScenePreflight.frames(form.frames(), manifest);
        Optional<RenderSettings> settings = manifest.flatMap(SceneManifest::settings);
        if (settings.isPresent()) {
            // the images each frame makes, so a task that wrote fewer (a layer or camera that failed) is not a success
            int perFrame = Math.max(1, settings.get().imagesPerFrame(form.layer(), form.camera()));
            options = options.map(o -> o.withImagesPerFrame(perFrame));
        }
        SubmitRequest request = new SubmitRequest(options, form.command(), form.renderer(), frameSpec, form.chunk(),
                form.name(), form.output().map(o -> here.resolve(o).normalize()), form.retries(), form.timeout());
        return new Compiled(compile(request).withEnvironment(env), manifest);
    }

    /** The job for a request whose paths are already absolute; its tasks run with the environment of whatever runs them. */
    public static Job compile(SubmitRequest request) {
        if (request.scene().isPresent() == request.command().isPresent()) {
            throw new RenderSetupException("Give either a scene file or --command, not "
                    + (request.scene().isPresent() ? "both." : "neither."));
        }
        if (request.chunk() < 1) {
            throw new RenderSetupException("--chunk " + request.chunk() + " is not valid: use 1 or more frames per task.");
        }
        if (request.maxRetries() < 0) {
            throw new RenderSetupException("--retries " + request.maxRetries() + " is not valid: use 0 or more.");
        }
        request.taskTimeout().ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new RenderSetupException("--timeout must be longer than zero, e.g. 30m or 2h.");
            }
        });
        FrameSet frames = FrameSet.parse(request.frames());
        Renderer renderer;
        String name;
        Origin origin;
        if (request.scene().isPresent()) {
            RenderOptions options = request.scene().get();
            renderer = Renderers.forScene(request.renderer(), options);
            name = request.name().orElse(sceneName(options.scene()));
            origin = new Origin(Origin.Kind.SCENE, renderer.name(), Optional.of(options.scene()));
        } else {
            if (request.renderer().isPresent() && !request.renderer().get().equals("command")) {
                throw new RenderSetupException("--renderer names a scene renderer; with --command the program is the renderer.");
            }
            renderer = new CommandSweepRenderer(request.command().get());
            name = request.name().orElse(programName(request.command().get().get(0)));
            origin = new Origin(Origin.Kind.COMMAND, renderer.name(), Optional.empty());
        }
        renderer.check(frames, request.chunk());
        Constraints perTask = new Constraints(request.taskTimeout(), Optional.empty());
        List<OutputFile> images = List.of(new OutputFile(IMAGES + "/**/*", OutputFile.Destination.jobOutputFolder(""),
                OutputFile.UploadCondition.TASK_SUCCESS));
        List<Task> tasks = new ArrayList<>();
        int index = 1;
        for (FrameChunk chunk : FrameChunker.chunk(frames, request.chunk())) {
            TaskCommand command = renderer.command(chunk);
            tasks.add(Task.of(Integer.toString(index++), new Command.Call(command.program(), command.args()))
                    .withFrames(chunk.frames(), command.minOutputFiles())
                    .withFiles(List.of(), images)
                    .withConstraints(perTask));
        }
        return new Job("", name, origin, 0, new Constraints(Optional.empty(), Optional.of(request.maxRetries())),
                Optional.empty(), Optional.empty(), Map.of(), tasks, request.outputDir(), Map.of(), List.of(),
                io.batchrender.job.BatchFields.NONE);
    }

    private static String programName(String program) {
        Path file = Path.of(program).getFileName();
        return file == null ? "command" : file.toString();
    }

    private static String sceneName(Path scene) {
        String file = scene.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}

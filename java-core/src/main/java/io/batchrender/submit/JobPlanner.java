package io.batchrender.submit;

import io.batchrender.farm.JobSpec;
import io.batchrender.farm.TaskSpec;
import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameChunker;
import io.batchrender.frames.FrameSet;
import io.batchrender.render.CommandSweepRenderer;
import io.batchrender.render.RenderOptions;
import io.batchrender.render.RenderSetupException;
import io.batchrender.render.Renderer;
import io.batchrender.render.Renderers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SubmitRequest} into a {@link JobSpec}: checks the scene and frames, picks the
 * renderer, splits the frames into tasks. Everything an artist can get wrong fails here, with a
 * one-line reason, before any job exists.
 */
public final class JobPlanner {

    private JobPlanner() {
    }

    public static JobSpec plan(SubmitRequest request) {
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
        if (request.scene().isPresent()) {
            RenderOptions options = request.scene().get();
            renderer = Renderers.forScene(request.renderer(), options);
            name = request.name().orElse(sceneName(options.scene()));
        } else {
            if (request.renderer().isPresent() && !request.renderer().get().equals("command")) {
                throw new RenderSetupException("--renderer names a scene renderer; with --command the program is the renderer.");
            }
            renderer = new CommandSweepRenderer(request.command().get());
            name = request.name().orElse(programName(request.command().get().get(0)));
        }
        renderer.check(frames, request.chunk());
        List<TaskSpec> tasks = new ArrayList<>();
        int index = 1;
        for (FrameChunk chunk : FrameChunker.chunk(frames, request.chunk())) {
            tasks.add(new TaskSpec(Integer.toString(index++), chunk.frames(), renderer.command(chunk)));
        }
        return new JobSpec(name, renderer.name(), request.scene().map(RenderOptions::scene), request.outputDir(),
                request.maxRetries(), request.taskTimeout(), tasks, java.util.Map.of());
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

package io.batchrender.farm;

import io.batchrender.render.TaskCommand;
import java.util.List;

/** One task of a job to submit: its id, the frames it renders and the command that renders them. */
public record TaskSpec(String id, List<Integer> frames, TaskCommand command) {
    public TaskSpec {
        frames = List.copyOf(frames);
    }
}

package io.batchrender.farm;

import java.util.List;

/**
 * A job a farm took.
 *
 * @param job   the job as the farm has it now
 * @param notes what the compiler and the farm changed or left aside, one line each, for the artist
 *              (an Azure-only property the local farm does not honour, a program not on this
 *              workstation, which containers a template's file groups were read from); never a secret
 */
public record Submitted(JobInfo job, List<String> notes) {
    public Submitted {
        notes = List.copyOf(notes);
    }
}

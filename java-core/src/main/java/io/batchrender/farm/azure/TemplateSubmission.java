package io.batchrender.farm.azure;

import java.util.List;

/**
 * A template job as Azure Batch has it after {@link AzureTemplateJobs#submit}.
 *
 * @param jobId the job's id (the template's)
 * @param notes what was changed or made on the way, one line each, for the user (which storage
 *              containers the file groups were read from and written to, renamed legacy fields);
 *              never a SAS token
 */
public record TemplateSubmission(String jobId, List<String> notes) {

    public TemplateSubmission {
        notes = List.copyOf(notes);
    }
}

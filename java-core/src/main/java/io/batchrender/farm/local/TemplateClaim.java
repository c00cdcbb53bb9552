package io.batchrender.farm.local;

import java.util.Optional;

/**
 * What the agent needs, beyond a {@link ClaimedTask}, to run a task of a template job.
 *
 * @param spec        the task as stored
 * @param prepId      the job preparation task's id, when the job has one
 * @param prepAttempt its latest attempt (whose folder is {@code AZ_BATCH_JOB_PREP_DIR}), 0 when it never ran
 */
record TemplateClaim(TemplateTask spec, Optional<String> prepId, int prepAttempt) {
}

package io.batchrender.farm.local;

/** Failure codes of template tasks, beside those of {@link io.batchrender.farm.TaskFailure}. */
final class TemplateFailures {

    /** A task this one depends on failed for good, so this one never starts. */
    static final String DEPENDENCY_FAILED = "TaskDependencyFailed";
    /** The job preparation task failed after its retries, so the job's tasks never start. */
    static final String JOB_PREPARATION_FAILED = "JobPreparationTaskFailed";
    /** A resource file could not be fetched into the working folder. */
    static final String RESOURCE_FILES_FAILED = "ResourceFilesFailed";
    /** An output file could not be uploaded. */
    static final String OUTPUT_FILES_FAILED = "OutputFilesFailed";
    /** The command's program is not on this workstation. */
    static final String PROGRAM_NOT_FOUND = "ProgramNotFound";
    /** The job ran longer than its maxWallClockTime. */
    static final String JOB_TIMEOUT = "MaxWallClockTimeExpiry";

    private TemplateFailures() {
    }
}

package io.batchrender.farm;

/**
 * Why a task failed, after Azure Batch's {@code failureInfo}.
 *
 * @param code    a stable code ({@code RendererNotFound}, {@code NonZeroExit}, {@code Timeout}, {@code TaskCancelled}, ...)
 * @param message one line for the artist, saying what to do
 */
public record TaskFailure(String code, String message) {
    public static final String RENDERER_NOT_FOUND = "RendererNotFound";
    public static final String NON_ZERO_EXIT = "NonZeroExit";
    public static final String TIMEOUT = "MaxWallClockTimeExceeded";
    public static final String CANCELLED = "TaskCancelled";
    public static final String MISSING_OUTPUT = "MissingOutput";
    public static final String LAUNCH_FAILED = "LaunchFailed";
    /** A task this one depends on failed for good, so this one never starts. */
    public static final String DEPENDENCY_FAILED = "TaskDependencyFailed";
    /** The job preparation task failed after its retries, so the job's tasks never start. */
    public static final String JOB_PREPARATION_FAILED = "JobPreparationTaskFailed";
    /** A resource file could not be fetched into the working folder. */
    public static final String RESOURCE_FILES_FAILED = "ResourceFilesFailed";
    /** An output file could not be uploaded or published. */
    public static final String OUTPUT_FILES_FAILED = "OutputFilesFailed";
    /** The job ran longer than its maxWallClockTime, so this task never started or was stopped. */
    public static final String JOB_TIMEOUT = "MaxWallClockTimeExpiry";
}

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
}

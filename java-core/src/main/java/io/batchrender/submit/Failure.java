package io.batchrender.submit;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.FarmNotConfiguredException;
import io.batchrender.farm.FarmRequestException;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.frames.FrameSpecException;
import io.batchrender.render.RenderSetupException;
import io.batchrender.scene.maya.MayaSceneException;
import io.batchrender.storage.StorageException;
import io.batchrender.templates.TemplateException;
import io.batchrender.watch.WatchException;

/**
 * What kind of failure an exception of the core is, decided in this one place for every surface: the
 * CLI's exit code ({@link #exitCode}) and the bridge's error code ({@link #bridgeCode}, which Python
 * turns into an exception class), with the hint the bridge shows when the message carries none.
 * Expected failures are one line for the artist; {@link #INTERNAL} is a bug, its stack trace logged.
 */
public enum Failure {

    BAD_FRAMES(Failure.EXIT_USAGE, "BadFrames", "Write frames like 1-100, 1-100x2 or 1-10,20."),
    RENDER_SETUP(Failure.EXIT_USAGE, "RenderSetup", "Fix the submission and submit again."),
    SCENE_UNREADABLE(Failure.EXIT_USAGE, "SceneUnreadable", "Save the scene again from Maya and retry."),
    NOT_CONFIGURED(Failure.EXIT_FAILED, "NotConfigured", "Enter the account on the Config tab."),
    BAD_REQUEST(Failure.EXIT_USAGE, "BadRequest", "Check the request's values."),
    JOB_NOT_FOUND(Failure.EXIT_FAILED, "JobNotFound", "List the jobs with jobs()."),
    CANCELLED(Failure.EXIT_FAILED, "Cancelled", ""),
    STORAGE(Failure.EXIT_FAILED, "StorageError", "See the gateway's log in the state folder."),
    WATCH(Failure.EXIT_FAILED, "WatchError", "See the watcher's log."),
    FARM(Failure.EXIT_FAILED, "FarmError", "See the log in the state folder."),
    INTERNAL(Failure.EXIT_FAILED, "Internal",
            "The details are in the gateway's log (logs/gateway.log in the state folder); please report it.");

    /** Exit code of a command whose command line was wrong (bad frames, a missing scene, an unknown option value). */
    public static final int EXIT_USAGE = 2;
    /**
     * Exit code of a command that could not be carried out: the farm or storage refused or failed, an account is
     * not set up, an unknown job, or an unexpected error.
     */
    public static final int EXIT_FAILED = 1;

    private final int exitCode;
    private final String bridgeCode;
    private final String hint;

    Failure(int exitCode, String bridgeCode, String hint) {
        this.exitCode = exitCode;
        this.bridgeCode = bridgeCode;
        this.hint = hint;
    }

    /** The kind of {@code t}: the most specific type decides (a {@link FarmRequestException} is bad input, not a farm error). */
    public static Failure of(Throwable t) {
        if (t instanceof FrameSpecException) {
            return BAD_FRAMES;
        }
        if (t instanceof RenderSetupException) {
            return RENDER_SETUP;
        }
        if (t instanceof MayaSceneException) {
            return SCENE_UNREADABLE;
        }
        if (t instanceof FarmNotConfiguredException) {
            return NOT_CONFIGURED;
        }
        if (t instanceof FarmRequestException || t instanceof TemplateException || t instanceof IllegalArgumentException) {
            return BAD_REQUEST;
        }
        if (t instanceof UnknownJobException) {
            return JOB_NOT_FOUND;
        }
        if (t instanceof StorageException s) {
            return s.kind() == StorageException.Kind.CANCELLED ? CANCELLED : STORAGE;
        }
        if (t instanceof WatchException) {
            return WATCH;
        }
        if (t instanceof FarmException) {
            return FARM;
        }
        return INTERNAL;
    }

    /** {@code batchrender}'s exit code for it. */
    public int exitCode() {
        return exitCode;
    }

    /** The bridge's error code for it ({@code BridgeError}'s constants). */
    public String bridgeCode() {
        return bridgeCode;
    }

    /** What to do, for a message that does not say it itself. */
    public String hint() {
        return hint;
    }

    /** False only for {@link #INTERNAL}: a failure the artist can act on, shown as its one-line message. */
    public boolean expected() {
        return this != INTERNAL;
    }
}

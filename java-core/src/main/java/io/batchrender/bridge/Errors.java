package io.batchrender.bridge;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.frames.FrameSpecException;
import io.batchrender.render.RenderSetupException;
import io.batchrender.scene.maya.MayaSceneException;
import io.batchrender.storage.StorageException;
import io.batchrender.watch.WatchException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place that turns what the core throws into the typed errors Python sees; stack traces go to the log. */
final class Errors {

    private static final Logger LOG = Logger.getLogger(Errors.class.getName());

    private Errors() {
    }

    static BridgeError of(Throwable t) {
        if (t instanceof BridgeException b) {
            return b.error();
        }
        if (t instanceof UnknownJobException) {
            return split(BridgeError.JOB_NOT_FOUND, t.getMessage(), "List the jobs with jobs().");
        }
        if (t instanceof FrameSpecException) {
            return split(BridgeError.BAD_FRAMES, t.getMessage(), "Write frames like 1-100, 1-100x2 or 1-10,20.");
        }
        if (t instanceof RenderSetupException) {
            return split(BridgeError.RENDER_SETUP, t.getMessage(), "Fix the submission and submit again.");
        }
        if (t instanceof MayaSceneException) {
            return split(BridgeError.SCENE_UNREADABLE, t.getMessage(), "Save the scene again from Maya and retry.");
        }
        if (t instanceof WatchException) {
            return split(BridgeError.WATCH, t.getMessage(), "See the watcher's log.");
        }
        if (t instanceof StorageException s) {
            LOG.log(Level.FINE, "storage error", t);
            return s.kind() == StorageException.Kind.CANCELLED
                    ? new BridgeError(BridgeError.CANCELLED, "The operation was cancelled.", "")
                    : split(BridgeError.STORAGE, t.getMessage(), "See the gateway's log in the state folder.");
        }
        if (t instanceof FarmException) {
            LOG.log(Level.FINE, "farm error", t);
            return split(BridgeError.FARM, t.getMessage(), "See the log in the state folder.");
        }
        if (t instanceof IllegalArgumentException) {
            return split(BridgeError.BAD_REQUEST, t.getMessage(), "Check the request's values.");
        }
        LOG.log(Level.SEVERE, "unexpected error in the bridge", t);
        return new BridgeError(BridgeError.INTERNAL, "Unexpected error: " + t,
                "The details are in the gateway's log (logs/gateway.log in the state folder); please report it.");
    }

    /**
     * The core's messages say what went wrong, then after the last ": " what to do; that last part
     * becomes the hint. A message without one gets {@code fallbackHint}.
     */
    static BridgeError split(String code, String message, String fallbackHint) {
        String m = message == null ? "" : message.strip();
        int at = m.lastIndexOf(": ");
        if (at > 0 && at < m.length() - 2) {
            String hint = m.substring(at + 2);
            return new BridgeError(code, m.substring(0, at), Character.toUpperCase(hint.charAt(0)) + hint.substring(1));
        }
        return new BridgeError(code, m, fallbackHint);
    }
}
